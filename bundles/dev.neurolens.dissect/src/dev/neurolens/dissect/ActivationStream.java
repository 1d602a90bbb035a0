package dev.neurolens.dissect;

import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a layer (or the whole model) over images batch by batch: images are decoded and preprocessed on a background
 * thread while the engine runs the previous batch, and each batch's activations
 * {@code [n, units, h, w]} go to a consumer. Times decoding and engine separately.
 */
final class ActivationStream {
    /** Receives a batch of activations. */
    interface Consumer {
        /**
         * @param images the image indices of the batch
         * @param n how many images the batch holds
         * @param data the activations {@code [n, units, h, w]} row-major
         */
        void accept(int[] images, int n, float[] data);
    }

    /** One engine call: a batch of inputs to the tensor wanted. */
    interface Forward {
        Tensor run(Tensor batch, Progress progress);
    }

    private final Forward forward;
    private final ImageSource images;
    private final Preprocessing pre;
    private final int batch;
    private long loadNanos;
    private long forwardNanos;

    ActivationStream(LayerActivations layer, ImageSource images, int batch) {
        this(layer::run, images, layer.model().info().preprocessing(), batch);
    }

    ActivationStream(Forward forward, ImageSource images, Preprocessing pre, int batch) {
        this.forward = forward;
        this.images = images;
        this.pre = pre;
        this.batch = batch;
    }

    /** The activations of all images, in order. */
    void all(Consumer consumer, Progress progress) {
        int[] all = new int[images.size()];
        Arrays.setAll(all, i -> i);
        run(all, consumer, progress);
    }

    /**
     * The activations of the given images, in batches in this order; reports one unit of work per
     * image to {@code progress}.
     *
     * @throws dev.neurolens.core.progress.CancelledException if cancelled
     */
    void run(int[] indices, Consumer consumer, Progress progress) {
        ExecutorService loader = Jobs.pool(1, "neurolens-dissect-loader");
        try {
            Future<Tensor> next = indices.length == 0 ? null : loader.submit(() -> load(indices, 0));
            for (int from = 0; from < indices.length; from += batch) {
                progress.checkCancelled();
                Tensor input = Jobs.await(next);
                int to = Math.min(indices.length, from + batch);
                int following = to;
                next = following < indices.length ? loader.submit(() -> load(indices, following)) : null;
                long t0 = System.nanoTime();
                Tensor a = forward.run(input, progress);
                forwardNanos += System.nanoTime() - t0;
                consumer.accept(Arrays.copyOfRange(indices, from, to), to - from, a.data());
                progress.worked(to - from);
            }
        } finally {
            loader.shutdownNow();
        }
    }

    private Tensor load(int[] indices, int from) {
        long t0 = System.nanoTime();
        int to = Math.min(indices.length, from + batch);
        List<Tensor> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            items.add(Images.toTensor(Images.fit(images.read(indices[i]), pre), pre));
        }
        Tensor t = Tensor.stack(items);
        synchronized (this) {
            loadNanos += System.nanoTime() - t0;
        }
        return t;
    }

    /** Seconds spent decoding and preprocessing images (on the loader thread). */
    synchronized double loadSeconds() {
        return loadNanos / 1e9;
    }

    /** Seconds spent in the engine. */
    double forwardSeconds() {
        return forwardNanos / 1e9;
    }
}
