package dev.neurolens.milan.exemplars;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.IndexEntry;
import dev.neurolens.milan.Exemplar;
import dev.neurolens.milan.ExemplarFinder;
import dev.neurolens.milan.ExemplarSet;
import dev.neurolens.milan.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exemplar sets as MILAN and Network Dissection (NetDissect-Lite) make them: run the model over
 * every image of the dataset and keep the layer's activations {@code A_u(x)} of each unit; the
 * unit's threshold {@code T_u} is the {@code 1 - quantile} quantile of all its activation values
 * (linear interpolation between order statistics, as {@code numpy.quantile}); its exemplars are
 * the {@code topK} images with the largest maximum activation (ties: lower index first), each with
 * the mask {@code upsample(A_u(x)) > T_u} at the dataset's mask resolution, upsampled bilinearly
 * with pixel centres aligned (Pillow's {@code resize(BILINEAR)} when enlarging).
 *
 * <p>All activations of the layer are held in memory ({@code images x channels x h x w} floats),
 * which bounds the dataset and layer sizes; a layer over {@value #MAX_VALUES} values is refused
 * with a message saying so.
 */
public final class TopActivationExemplars implements ExemplarFinder {
    /** The share of activations above the threshold: NetDissect's default, the top 0.5 %. */
    public static final double DEFAULT_QUANTILE = 0.005;
    /** The most activation values held in memory. */
    public static final long MAX_VALUES = 400_000_000L;
    private static final int BATCH = 32;

    private final double quantile;

    /** A finder with {@link #DEFAULT_QUANTILE}. */
    public TopActivationExemplars() {
        this(DEFAULT_QUANTILE);
    }

    /**
     * A finder keeping the top {@code quantile} of activations.
     *
     * @throws IllegalArgumentException unless 0 < quantile < 1
     */
    public TopActivationExemplars(double quantile) {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
        }
        this.quantile = quantile;
    }

    @Override
    public List<ExemplarSet> find(LoadedModel model, BrodenDataset dataset, String layer, int topK,
            Progress progress) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        Activations a = activations(model, dataset, layer, progress);
        List<ExemplarSet> out = new ArrayList<>();
        for (int c = 0; c < a.channels; c++) {
            progress.checkCancelled();
            out.add(exemplars(a, c, dataset, layer, Math.min(topK, a.images)));
        }
        return out;
    }

    /** One layer's activations over the dataset: {@code values[c][image * h * w + y * w + x]}. */
    private record Activations(int images, int channels, int height, int width, float[][] values) {
    }

    private Activations activations(LoadedModel model, BrodenDataset dataset, String layer, Progress progress) {
        Preprocessing pre = model.info().preprocessing();
        int n = dataset.size();
        progress.begin("Running the model on " + n + " images (" + layer + ")", n);
        float[][] values = null;
        int channels = 0;
        int h = 0;
        int w = 0;
        try {
            for (int start = 0; start < n; start += BATCH) {
                progress.checkCancelled();
                int end = Math.min(n, start + BATCH);
                List<Tensor> inputs = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    inputs.add(Images.toTensor(Images.fit(dataset.readImage(i), pre), pre));
                }
                Tensor t = model.run(Tensor.stack(inputs), List.of(layer), progress).get(layer);
                if (t.rank() != 4) {
                    throw new NeuroLensException("layer '" + layer + "' is " + t.shapeString()
                            + ", not a feature map [N,C,H,W]; choose a convolutional layer (see 'neurolens info')");
                }
                if (values == null) {
                    channels = t.dim(1);
                    h = t.dim(2);
                    w = t.dim(3);
                    long total = (long) n * channels * h * w;
                    if (total > MAX_VALUES || (long) n * h * w > Integer.MAX_VALUE) {
                        throw new NeuroLensException("layer '" + layer + "' has " + total + " activation values on "
                                + n + " images, more than the " + MAX_VALUES
                                + " this exemplar finder holds; use fewer images or a deeper layer");
                    }
                    values = new float[channels][n * h * w];
                }
                int plane = h * w;
                float[] data = t.data();
                for (int b = 0; b < end - start; b++) {
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(data, (b * channels + c) * plane, values[c], (start + b) * plane, plane);
                    }
                }
                progress.worked(end - start);
            }
        } finally {
            progress.done();
        }
        return new Activations(n, channels, h, w, values);
    }

    private ExemplarSet exemplars(Activations a, int c, BrodenDataset dataset, String layer, int k) {
        float[] v = a.values[c];
        int plane = a.height * a.width;
        double threshold = quantile(v, 1 - quantile);
        float[] max = new float[a.images];
        for (int i = 0; i < a.images; i++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int p = i * plane; p < (i + 1) * plane; p++) {
                m = Math.max(m, v[p]);
            }
            max[i] = m;
        }
        List<Integer> top = IntStream.range(0, a.images).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -max[i]).thenComparingInt(i -> i))
                .limit(k).toList();
        List<Exemplar> exemplars = new ArrayList<>();
        for (int i : top) {
            IndexEntry e = dataset.image(i);
            float[] map = Arrays.copyOfRange(v, i * plane, (i + 1) * plane);
            float[] up = Upsampling.bilinear(map, a.width, a.height, e.maskWidth(), e.maskHeight());
            BitSet mask = new BitSet(up.length);
            for (int p = 0; p < up.length; p++) {
                if (up[p] > threshold) {
                    mask.set(p);
                }
            }
            exemplars.add(new Exemplar(i, max[i], e.maskWidth(), e.maskHeight(), mask));
        }
        return new ExemplarSet(new Unit(layer, c), threshold, exemplars);
    }

    /** The {@code q} quantile of {@code values}, interpolating linearly (numpy's default). */
    static double quantile(float[] values, double q) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * ((double) sorted[hi] - sorted[lo]);
    }
}
