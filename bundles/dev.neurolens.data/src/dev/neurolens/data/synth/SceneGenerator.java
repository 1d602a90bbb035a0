package dev.neurolens.data.synth;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates synthetic scenes with pixel-exact concept masks, in memory ({@link #render}) or as a
 * Broden dataset on disk ({@link #generate}).
 *
 * <p>A scene is a background (a colour, or a texture of two colours) with
 * {@code minObjects..maxObjects} objects, each a shape of random size, position and rotation,
 * painted in a colour (never the background's) or a texture; objects are placed to overlap little,
 * and later ones cover earlier ones. Image {@code i} depends only on the seed, {@code i} and the
 * configuration: it is drawn from its own random stream, so images can be made in any order and
 * on any number of threads with identical results.
 */
public final class SceneGenerator {
    private static final int BLOCK = 64;
    private static final long LAYOUT_STREAM = 1;
    private static final long SPLIT_STREAM = 2;
    private static final int PLACEMENT_TRIES = 12;

    private final GeneratorConfig config;
    private final SceneLabels labels;
    private final SceneRenderer renderer;

    /** A generator for this configuration. */
    public SceneGenerator(GeneratorConfig config) {
        this.config = config;
        this.labels = new SceneLabels(config.shapes(), config.colors(), config.textures(), config.sceneLabels());
        this.renderer = new SceneRenderer(labels, config.pixelNoise());
    }

    /** The configuration. */
    public GeneratorConfig config() {
        return config;
    }

    /** The categories and label numbers of the generated masks. */
    public SceneLabels labels() {
        return labels;
    }

    /** The renderer used for the images (with the configured pixel noise). */
    public SceneRenderer renderer() {
        return renderer;
    }

    /** The scene of image {@code index} (any index >= 0, also beyond the configured count). */
    public Scene scene(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        SeededRandom r = SeededRandom.of(config.seed(), index, LAYOUT_STREAM);
        double aspect = (double) config.width() / config.height();
        Fill background = fill(r, r.nextDouble() < config.texturedBackgroundProbability(), List.of());
        List<NamedColor> backgroundColors = new ArrayList<>();
        backgroundColors.add(background.color());
        if (background.isTextured()) {
            backgroundColors.add(background.patternColor());
        }
        int n = config.minObjects() + r.nextInt(config.maxObjects() - config.minObjects() + 1);
        List<SceneObject> objects = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ShapeKind shape = config.shapes().get(r.nextInt(config.shapes().size()));
            double size = r.uniform(config.minSize(), config.maxSize());
            double rotation = r.uniform(0, 2 * Math.PI);
            double[] centre = place(r, size, aspect, objects);
            Fill fill = fill(r, r.nextDouble() < config.texturedObjectProbability(), backgroundColors);
            objects.add(new SceneObject(shape, centre[0], centre[1], size, rotation, fill));
        }
        return new Scene(aspect, background, objects, r.nextLong());
    }

    /** The split of image {@code index}: {@code val} with probability valFraction, else {@code train}. */
    public String split(int index) {
        return SeededRandom.of(config.seed(), index, SPLIT_STREAM).nextDouble() < config.valFraction() ? "val" : "train";
    }

    /** Image {@code index} rendered at the configured image and mask sizes. */
    public RenderedScene render(int index) {
        return renderer.render(scene(index), config.width(), config.height(), config.maskWidth(),
                config.maskHeight());
    }

    /** The path of image {@code index} under {@code images/}, without extension. */
    public String imageName(int index) {
        int digits = Math.max(6, Integer.toString(config.count() - 1).length());
        return config.folder() + "/" + String.format("%0" + digits + "d", index);
    }

    /**
     * Writes {@code count} images as a Broden dataset to {@code target}, which must not exist or
     * be an empty folder. The dataset appears there only when complete: it is written to a staging
     * folder next to it and renamed at the end; on failure or cancellation the staging folder is
     * removed and nothing is left at {@code target}.
     *
     * @return {@code target}
     * @throws NeuroLensException if the target is taken or a file cannot be written
     * @throws CancelledException if the progress monitor asks to stop
     */
    public Path generate(Path target, Progress progress) {
        int count = config.count();
        progress.begin("Generating " + count + " synthetic scenes", count);
        try (BrodenWriter writer = BrodenWriter.create(target, labels.space())) {
            List<Integer> starts = new ArrayList<>();
            for (int s = 0; s < count; s += BLOCK) {
                starts.add(s);
            }
            if (config.threads() == 1 || starts.size() == 1) {
                for (int s : starts) {
                    progress.checkCancelled();
                    writeBlock(writer, s, progress);
                    progress.worked(Math.min(BLOCK, count - s));
                }
            } else {
                writeInParallel(writer, starts, progress);
            }
            progress.checkCancelled();
            return writer.commit("Synthetic scenes in the Broden layout, written by NeuroLens"
                    + " (dev.neurolens.data.synth.SceneGenerator; format: docs/broden.md).\n\n" + config.describe());
        } finally {
            progress.done();
        }
    }

    private void writeInParallel(BrodenWriter writer, List<Integer> starts, Progress progress) {
        int threads = Math.min(config.threads(), starts.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int s : starts) {
                futures.add(pool.submit(() -> writeBlock(writer, s, progress)));
            }
            try {
                for (int b = 0; b < futures.size(); b++) {
                    progress.checkCancelled();
                    futures.get(b).get();
                    progress.worked(Math.min(BLOCK, config.count() - starts.get(b)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re; // NeuroLensException (a file), CancelledException (a worker saw the cancel)
                }
                throw new NeuroLensException("generating scenes failed: " + e.getCause(), e.getCause());
            } finally {
                futures.forEach(f -> f.cancel(true)); // no-op for finished blocks; stops the rest on failure
            }
        }
    }

    private void writeBlock(BrodenWriter writer, int start, Progress progress) {
        int end = Math.min(config.count(), start + BLOCK);
        for (int i = start; i < end; i++) {
            if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
                throw new CancelledException();
            }
            writer.write(i, render(i).toBrodenImage(imageName(i), split(i)));
        }
    }

    private double[] place(SeededRandom r, double size, double aspect, List<SceneObject> placed) {
        // keep most of the object inside the frame, and retry a few times to avoid heavy overlap
        double mx = Math.min(0.7 * size, aspect / 2);
        double my = Math.min(0.7 * size, 0.5);
        double x = 0;
        double y = 0;
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            x = r.uniform(mx, aspect - mx);
            y = r.uniform(my, 1 - my);
            boolean free = true;
            for (SceneObject o : placed) {
                double d = Math.hypot(o.x() - x, o.y() - y);
                if (d < 0.6 * (o.size() + size)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                break;
            }
        }
        return new double[] {x, y};
    }

    private Fill fill(SeededRandom r, boolean textured, List<NamedColor> avoid) {
        NamedColor color = pickColor(r, avoid, null);
        int rgb = jitter(r, color.rgb());
        if (!textured || config.textures().isEmpty()) {
            return Fill.plain(color, rgb);
        }
        TextureKind texture = config.textures().get(r.nextInt(config.textures().size()));
        NamedColor pattern = pickColor(r, avoid, color);
        int patternRgb = jitter(r, pattern.rgb());
        double period = r.uniform(config.minPeriod(), config.maxPeriod());
        double angle = r.uniform(0, Math.PI);
        return new Fill(color, rgb, texture, pattern, patternRgb, period, angle, r.nextDouble(), r.nextDouble(),
                r.nextLong());
    }

    /** A colour not in {@code avoid} and not {@code other}; relaxes those rules if nothing is left. */
    private NamedColor pickColor(SeededRandom r, List<NamedColor> avoid, NamedColor other) {
        List<NamedColor> choices = new ArrayList<>(config.colors());
        choices.removeAll(avoid);
        choices.remove(other);
        if (choices.isEmpty()) {
            choices = new ArrayList<>(config.colors());
            choices.remove(other);
        }
        if (choices.isEmpty()) {
            choices = config.colors();
        }
        return choices.get(r.nextInt(choices.size()));
    }

    private int jitter(SeededRandom r, int rgb) {
        int j = config.colorJitter();
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int v = ((rgb >> shift) & 0xff) + (j == 0 ? 0 : r.nextInt(2 * j + 1) - j);
            out |= Math.max(0, Math.min(255, v)) << shift;
        }
        return out;
    }
}
