package dev.neurolens.core.model;

import java.util.List;
import java.util.Optional;

/**
 * How an image becomes the model's input tensor, and what the model's outputs mean.
 *
 * <p>Pixels are read as 8-bit values, divided by {@code scale} (255 maps to [0,1]; 1 keeps
 * [0,255]), then normalized per channel as {@code (v - mean[c]) / std[c]}, in {@code channelOrder},
 * laid out as {@code layout}.
 *
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channelOrder {@code RGB} or {@code BGR}; {@code GRAY} for one channel
 * @param layout {@code NCHW} or {@code NHWC}
 * @param scale the divisor applied to 8-bit pixel values
 * @param mean per-channel mean, subtracted after scaling
 * @param std per-channel standard deviation, divided after subtracting the mean
 * @param resize how an image of another size is fitted
 * @param labels class names by output index (empty if unknown)
 */
public record Preprocessing(int width, int height, ChannelOrder channelOrder, Layout layout, float scale,
        float[] mean, float[] std, Resize resize, List<String> labels) {

    /** Channel order of the input tensor. */
    public enum ChannelOrder {
        /** red, green, blue */
        RGB,
        /** blue, green, red (Caffe-style models) */
        BGR,
        /** one luminance channel */
        GRAY;

        /** Number of channels. */
        public int channels() {
            return this == GRAY ? 1 : 3;
        }
    }

    /** Memory layout of the image batch. */
    public enum Layout {
        /** batch, channel, height, width (PyTorch, ONNX) */
        NCHW,
        /** batch, height, width, channel (TensorFlow) */
        NHWC
    }

    /** How an image of another size is fitted to the input size. */
    public enum Resize {
        /** crop the central square (or the input's aspect) then resize: keeps proportions */
        CENTER_CROP,
        /** resize the whole image, distorting its aspect ratio */
        STRETCH
    }

    /** Compact constructor: validates and copies. */
    public Preprocessing {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        int c = channelOrder.channels();
        if (mean.length != c || std.length != c) {
            throw new IllegalArgumentException("mean and std need " + c + " values for " + channelOrder);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive");
            }
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive");
        }
        mean = mean.clone();
        std = std.clone();
        labels = List.copyOf(labels);
    }

    /** Plain [0,1] RGB input of the given size with no normalization and no labels. */
    public static Preprocessing plain(int width, int height) {
        return new Preprocessing(width, height, ChannelOrder.RGB, Layout.NCHW, 255f, new float[] {0, 0, 0},
                new float[] {1, 1, 1}, Resize.CENTER_CROP, List.of());
    }

    /** The mean (a copy). */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** The std (a copy). */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** Number of channels. */
    public int channels() {
        return channelOrder.channels();
    }

    /** The shape of a batch of {@code n} images, e.g. {@code [n, 3, 32, 32]} for NCHW. */
    public int[] batchShape(int n) {
        return layout == Layout.NCHW ? new int[] {n, channels(), height, width}
                : new int[] {n, height, width, channels()};
    }

    /** The label of class {@code index}, if known. */
    public Optional<String> label(int index) {
        return index >= 0 && index < labels.size() ? Optional.of(labels.get(index)) : Optional.empty();
    }

    /** A copy with other labels. */
    public Preprocessing withLabels(List<String> newLabels) {
        return new Preprocessing(width, height, channelOrder, layout, scale, mean, std, resize, newLabels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && width == p.width && height == p.height
                && channelOrder == p.channelOrder && layout == p.layout && scale == p.scale
                && java.util.Arrays.equals(mean, p.mean) && java.util.Arrays.equals(std, p.std)
                && resize == p.resize && labels.equals(p.labels);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(width, height, channelOrder, layout, scale,
                java.util.Arrays.hashCode(mean), java.util.Arrays.hashCode(std), resize, labels);
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + channelOrder + " " + layout + " /" + scale + " mean="
                + java.util.Arrays.toString(mean) + " std=" + java.util.Arrays.toString(std) + " " + resize
                + " labels=" + labels.size();
    }
}
