package dev.neurolens.dissect;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;

/**
 * The plain forward pass — the model's first output (the logits) — over images read and
 * preprocessed exactly as a dissection reads them (same batches, same prefetching decoder
 * thread): the baseline a dissection's cost is measured against.
 */
public final class ForwardPass {

    /**
     * How long a pass took.
     *
     * @param images the number of images
     * @param seconds wall-clock time of the whole pass
     * @param engineSeconds time spent in the engine
     * @param loadSeconds time spent decoding and preprocessing (on the decoder thread, overlapping)
     */
    public record Timing(int images, double seconds, double engineSeconds, double loadSeconds) {
        /** Images per second. */
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    private ForwardPass() {
    }

    /**
     * Runs the model over all images in batches of {@code batch}.
     *
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    public static Timing run(LoadedModel model, ImageSource images, int batch, Progress progress) {
        String output = model.info().outputs().get(0).name();
        ActivationStream stream = new ActivationStream((x, p) -> model.run(x, java.util.List.of(output), p).get(output),
                images, model.info().preprocessing(), batch);
        long start = System.nanoTime();
        progress.begin("Forward pass", images.size());
        stream.all((indices, n, data) -> { }, progress);
        progress.done();
        return new Timing(images.size(), (System.nanoTime() - start) / 1e9, stream.forwardSeconds(),
                stream.loadSeconds());
    }
}
