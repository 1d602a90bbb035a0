package dev.neurolens.data.synth;

import java.util.List;
import java.util.Locale;

/**
 * What {@link SceneGenerator} makes. Build one with {@link #builder()}; every setting has a
 * default. The same configuration always gives the same dataset, whatever the thread count.
 *
 * @param seed the dataset seed
 * @param count the number of images
 * @param width the image width in pixels
 * @param height the image height in pixels
 * @param maskWidth the mask width ({@code sw}); the image width by default
 * @param maskHeight the mask height ({@code sh}); the image height by default
 * @param minObjects the fewest objects per image (0 allowed: background only)
 * @param maxObjects the most objects per image
 * @param minSize the smallest object circumradius, as a fraction of the image height
 * @param maxSize the largest object circumradius, as a fraction of the image height
 * @param shapes the shapes to draw from (not empty)
 * @param colors the colours to draw from (not empty)
 * @param textures the textures to draw from (empty: no textures, no {@code texture} category)
 * @param texturedObjectProbability the chance that an object is textured
 * @param texturedBackgroundProbability the chance that the background is textured
 * @param minPeriod the shortest texture period, as a fraction of the image height
 * @param maxPeriod the longest texture period, as a fraction of the image height
 * @param colorJitter the largest per-channel change of a region's colour from its named value
 * @param pixelNoise the largest per-channel per-pixel noise
 * @param valFraction the share of images in the {@code val} split (the rest is {@code train})
 * @param sceneLabels whether to write the whole-image {@code scene} category (the background)
 * @param threads the threads to generate with (the output does not depend on it)
 * @param folder the folder under {@code images/} that images and masks go to
 */
public record GeneratorConfig(long seed, int count, int width, int height, int maskWidth, int maskHeight,
        int minObjects, int maxObjects, double minSize, double maxSize, List<ShapeKind> shapes,
        List<NamedColor> colors, List<TextureKind> textures, double texturedObjectProbability,
        double texturedBackgroundProbability, double minPeriod, double maxPeriod, int colorJitter, int pixelNoise,
        double valFraction, boolean sceneLabels, int threads, String folder) {

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public GeneratorConfig {
        shapes = List.copyOf(shapes);
        colors = List.copyOf(colors);
        textures = List.copyOf(textures);
        require(count >= 1, "count must be >= 1, got " + count);
        require(width >= 4 && height >= 4 && width <= 8192 && height <= 8192,
                "image size must be 4..8192 pixels a side, got " + width + "x" + height);
        require(maskWidth >= 1 && maskHeight >= 1 && maskWidth <= 8192 && maskHeight <= 8192,
                "mask size must be 1..8192 pixels a side, got " + maskWidth + "x" + maskHeight);
        require(minObjects >= 0 && minObjects <= maxObjects && maxObjects <= 64,
                "objects per image must satisfy 0 <= min <= max <= 64, got " + minObjects + ".." + maxObjects);
        require(minSize > 0 && minSize <= maxSize && maxSize <= 1,
                "object size must satisfy 0 < min <= max <= 1, got " + minSize + ".." + maxSize);
        require(!shapes.isEmpty() && shapes.stream().distinct().count() == shapes.size(),
                "shapes must be a non-empty list without repeats");
        require(!colors.isEmpty() && colors.stream().distinct().count() == colors.size(),
                "colors must be a non-empty list without repeats");
        require(textures.stream().distinct().count() == textures.size(), "textures must not repeat");
        require(probability(texturedObjectProbability) && probability(texturedBackgroundProbability)
                && probability(valFraction), "probabilities and valFraction must be in 0..1");
        require(minPeriod > 0 && minPeriod <= maxPeriod && maxPeriod <= 1,
                "texture period must satisfy 0 < min <= max <= 1, got " + minPeriod + ".." + maxPeriod);
        require(colorJitter >= 0 && colorJitter <= 64, "colorJitter must be 0..64, got " + colorJitter);
        require(pixelNoise >= 0 && pixelNoise <= 32, "pixelNoise must be 0..32, got " + pixelNoise);
        require(threads >= 1 && threads <= 256, "threads must be 1..256, got " + threads);
        require(folder.matches("[A-Za-z0-9_-]+"), "folder must be letters, digits, '_' or '-', got '" + folder + "'");
    }

    private static boolean probability(double p) {
        return p >= 0 && p <= 1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with the defaults: 1000 scenes of 64x64, 1-4 objects, all vocabularies, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.count = count;
        b.width = width;
        b.height = height;
        b.maskWidth = maskWidth;
        b.maskHeight = maskHeight;
        b.minObjects = minObjects;
        b.maxObjects = maxObjects;
        b.minSize = minSize;
        b.maxSize = maxSize;
        b.shapes = shapes;
        b.colors = colors;
        b.textures = textures;
        b.texturedObjectProbability = texturedObjectProbability;
        b.texturedBackgroundProbability = texturedBackgroundProbability;
        b.minPeriod = minPeriod;
        b.maxPeriod = maxPeriod;
        b.colorJitter = colorJitter;
        b.pixelNoise = pixelNoise;
        b.valFraction = valFraction;
        b.sceneLabels = sceneLabels;
        b.threads = threads;
        b.folder = folder;
        return b;
    }

    /** The settings as lines of {@code key = value}, for a dataset's README. */
    public String describe() {
        return String.format(Locale.ROOT, """
                seed = %d
                count = %d
                size = %dx%d
                mask size = %dx%d
                objects = %d..%d
                object size = %s..%s (circumradius / image height)
                shapes = %s
                colors = %s
                textures = %s
                textured objects = %s, textured backgrounds = %s
                texture period = %s..%s (of image height)
                color jitter = %d, pixel noise = %d
                val fraction = %s
                scene labels = %s
                """, seed, count, width, height, maskWidth, maskHeight, minObjects, maxObjects, minSize, maxSize,
                shapes.stream().map(ShapeKind::label).toList(), colors.stream().map(NamedColor::label).toList(),
                textures.stream().map(TextureKind::label).toList(), texturedObjectProbability,
                texturedBackgroundProbability, minPeriod, maxPeriod, colorJitter, pixelNoise, valFraction,
                sceneLabels);
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private long seed = 1;
        private int count = 1000;
        private int width = 64;
        private int height = 64;
        private int maskWidth;
        private int maskHeight;
        private int minObjects = 1;
        private int maxObjects = 4;
        private double minSize = 0.12;
        private double maxSize = 0.28;
        private List<ShapeKind> shapes = List.of(ShapeKind.values());
        private List<NamedColor> colors = List.of(NamedColor.values());
        private List<TextureKind> textures = List.of(TextureKind.values());
        private double texturedObjectProbability = 0.35;
        private double texturedBackgroundProbability = 0.4;
        private double minPeriod = 0.07;
        private double maxPeriod = 0.13;
        private int colorJitter = 12;
        private int pixelNoise = 3;
        private double valFraction = 0.2;
        private boolean sceneLabels = true;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private String folder = "synthetic";

        private Builder() {
        }

        /** The dataset seed (default 1). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The number of images (default 1000). */
        public Builder count(int v) {
            count = v;
            return this;
        }

        /** The image size (default 64x64). */
        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        /** The mask size {@code sw x sh} (default: the image size). */
        public Builder maskSize(int w, int h) {
            maskWidth = w;
            maskHeight = h;
            return this;
        }

        /** Objects per image (default 1..4). */
        public Builder objects(int min, int max) {
            minObjects = min;
            maxObjects = max;
            return this;
        }

        /** Object circumradius as a fraction of the image height (default 0.12..0.28). */
        public Builder objectSize(double min, double max) {
            minSize = min;
            maxSize = max;
            return this;
        }

        /** The shapes (default: all). */
        public Builder shapes(List<ShapeKind> v) {
            shapes = v;
            return this;
        }

        /** The colours (default: all eleven). */
        public Builder colors(List<NamedColor> v) {
            colors = v;
            return this;
        }

        /** The textures (default: all; empty for none). */
        public Builder textures(List<TextureKind> v) {
            textures = v;
            return this;
        }

        /** The chances of a textured object and a textured background (default 0.35 and 0.4). */
        public Builder texturedProbability(double objects, double background) {
            texturedObjectProbability = objects;
            texturedBackgroundProbability = background;
            return this;
        }

        /** The texture period as a fraction of the image height (default 0.07..0.13). */
        public Builder texturePeriod(double min, double max) {
            minPeriod = min;
            maxPeriod = max;
            return this;
        }

        /** Per-region colour jitter and per-pixel noise, per channel (default 12 and 3). */
        public Builder noise(int jitter, int pixel) {
            colorJitter = jitter;
            pixelNoise = pixel;
            return this;
        }

        /** The share of {@code val} images (default 0.2). */
        public Builder valFraction(double v) {
            valFraction = v;
            return this;
        }

        /** Whether to write the whole-image {@code scene} category (default true). */
        public Builder sceneLabels(boolean v) {
            sceneLabels = v;
            return this;
        }

        /** The thread count (default: the processors available); the output does not depend on it. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** The folder under {@code images/} (default {@code synthetic}). */
        public Builder folder(String v) {
            folder = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first bad setting
         */
        public GeneratorConfig build() {
            return new GeneratorConfig(seed, count, width, height, maskWidth > 0 ? maskWidth : width,
                    maskHeight > 0 ? maskHeight : height, minObjects, maxObjects, minSize, maxSize, shapes, colors,
                    textures, texturedObjectProbability, texturedBackgroundProbability, minPeriod, maxPeriod,
                    colorJitter, pixelNoise, valFraction, sceneLabels, threads, folder);
        }
    }
}
