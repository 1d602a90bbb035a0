package dev.neurolens.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.ImageLabels;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path (streaming exact quantiles, sparse upsampling, sparse tally on two threads, with
 * and without the activation cache) against a plain dense reference written from the definitions,
 * on the bundled VGG shape model's last convolutional layer and generated scenes whose masks
 * (48x48) differ from both the image (64x64) and the layer (8x8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceTallyTest {
    private static final int IMAGES = 23;
    private static final double QUANTILE = 0.01;
    @TempDir
    static Path temp;
    private Engine engine;
    private BrodenDataset dataset;

    @BeforeAll
    void start() throws Exception {
        engine = Engine.start();
        dataset = Datasets.generate(temp.resolve("scenes"), 11, IMAGES, 64, 48);
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    /** The last 4-D Relu of the model: its last convolutional layer. */
    private static String lastConvLayer(LoadedModel m) {
        String found = null;
        for (LayerInfo l : m.info().layers()) {
            if (l.opType().equals("Relu") && l.outputs().get(0).dims().size() == 4) {
                found = l.outputs().get(0).name();
            }
        }
        return found;
    }

    @Test
    void fastPathEqualsDenseReference() {
        try (LoadedModel m = engine.open(Engine.model("shapes_vgg.onnx"))) {
            String layer = lastConvLayer(m);
            float[][] acts = activations(m, layer);
            int units = 128;
            int plane = 64;
            DissectionSettings base = DissectionSettings.defaults().withQuantile(QUANTILE).withThreads(2).withBatch(5);
            long exactBytes = ExactQuantiles.bytes(QUANTILE, units, plane, IMAGES);
            for (UnionRule rule : UnionRule.values()) {
                ReferenceCounts ref = new ReferenceCounts(dataset, acts, units, 8, 8, QUANTILE, rule);
                for (long budget : new long[] {1L << 30, exactBytes + 1}) {
                    Dissection d = new Dissector(base.withUnion(rule).withMemoryBudget(budget))
                            .dissect(m, layer, dataset, Progress.NONE);
                    assertEquals(budget > exactBytes + 1 ? 1.0 : 0.0, d.timings().get("cached"));
                    assertTrue(d.thresholds().exact());
                    ConceptTally t = d.tally();
                    for (int k = 0; k < units; k++) {
                        assertEquals(ref.threshold[k], d.thresholds().of(k), "threshold of unit " + k);
                        assertEquals(ref.unitPixels[k], t.unitPixels(k), "pixels of unit " + k);
                        for (int id = 0; id < t.space().size(); id++) {
                            String what = rule + " unit " + k + " " + t.space().name(id);
                            assertEquals(ref.intersection[k][id], t.intersection(k, id), what);
                            assertEquals(ref.iou(k, id, t.space()), t.iou(k, id), 1e-6, what);
                        }
                    }
                    long detectors = d.units().stream().filter(UnitDissection::detector).count();
                    assertEquals(detectors, d.summary().detectors());
                }
            }
            // with a budget too small for exact quantiles, the sketch's thresholds are within its bound
            Dissection sketched = new Dissector(base.withMemoryBudget(1)).dissect(m, layer, dataset, Progress.NONE);
            assertFalse(sketched.thresholds().exact());
            ReferenceCounts ref = new ReferenceCounts(dataset, acts, units, 8, 8, QUANTILE, UnionRule.IMAGE);
            for (int k = 0; k < units; k++) {
                assertEquals(ref.threshold[k], sketched.thresholds().of(k),
                        1.0001 * sketched.thresholds().relativeError() * Math.abs(ref.threshold[k]) + 1e-9);
            }
        }
    }

    private float[][] activations(LoadedModel m, String layer) {
        Preprocessing pre = m.info().preprocessing();
        float[][] out = new float[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            Tensor x = Tensor.stack(List.of(Images.toTensor(Images.fit(dataset.readImage(i), pre), pre)));
            out[i] = m.run(x, List.of(layer), Progress.NONE).get(layer).data();
        }
        return out;
    }

    /** Network Dissection's counts computed densely from the definitions. */
    private static final class ReferenceCounts {
        final float[] threshold;
        final long[] unitPixels;
        final long[][] intersection;
        final long[] conceptPixels;
        final long[][] unitCategory;

        ReferenceCounts(BrodenDataset ds, float[][] acts, int units, int h, int w, double q, UnionRule rule) {
            ConceptSpace space = ConceptSpace.of(ds, List.of());
            List<String> cats = space.categories();
            threshold = new float[units];
            for (int k = 0; k < units; k++) {
                float[] all = new float[acts.length * h * w];
                for (int i = 0; i < acts.length; i++) {
                    System.arraycopy(acts[i], k * h * w, all, i * h * w, h * w);
                }
                threshold[k] = (float) Reference.quantile(all, 1 - q);
            }
            unitPixels = new long[units];
            intersection = new long[units][space.size()];
            conceptPixels = new long[space.size()];
            unitCategory = new long[units][cats.size()];
            for (int i = 0; i < acts.length; i++) {
                ImageLabels labels = ds.read(i, cats);
                int sh = labels.entry().maskHeight();
                int sw = labels.entry().maskWidth();
                List<boolean[]> conceptMasks = new ArrayList<>();
                for (int id = 0; id < space.size(); id++) {
                    CategoryLabels cl = labels.category(space.category(id));
                    boolean[] mask = new boolean[sh * sw];
                    for (int p = 0; p < sh * sw; p++) {
                        for (int number : cl.labelsAt(p % sw, p / sw)) {
                            mask[p] |= number == space.labelNumber(id);
                        }
                        conceptPixels[id] += mask[p] ? 1 : 0;
                    }
                    conceptMasks.add(mask);
                }
                for (int k = 0; k < units; k++) {
                    double[] up = Reference.upsample(acts[i], k * h * w, h, w, sh, sw);
                    boolean[] unit = new boolean[sh * sw];
                    long n = 0;
                    for (int p = 0; p < up.length; p++) {
                        unit[p] = up[p] > threshold[k];
                        n += unit[p] ? 1 : 0;
                    }
                    unitPixels[k] += n;
                    boolean[] hit = new boolean[cats.size()];
                    for (int id = 0; id < space.size(); id++) {
                        boolean[] mask = conceptMasks.get(id);
                        for (int p = 0; p < up.length; p++) {
                            if (unit[p] && mask[p]) {
                                intersection[k][id]++;
                                hit[space.categoryIndex(id)] = true;
                            }
                        }
                    }
                    for (int c = 0; c < cats.size(); c++) {
                        CategoryLabels cl = labels.category(cats.get(c));
                        boolean counts = rule == UnionRule.IMAGE ? !cl.isEmpty()
                                : hit[c] || cl.imageLabels().length > 0;
                        unitCategory[k][c] += counts ? n : 0;
                    }
                }
            }
        }

        double iou(int k, int id, ConceptSpace space) {
            long i = intersection[k][id];
            return i / (double) (unitCategory[k][space.categoryIndex(id)] + conceptPixels[id] - i);
        }
    }
}
