package dev.neurolens.data.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Scene} to pixels and Broden label masks. Every pixel is point-sampled at its
 * centre, with no anti-aliasing, so that each image pixel shows exactly one region and one colour
 * and its mask labels say which; masks at another resolution sample the same scene at their own
 * pixel centres. Objects are drawn in order, so a later object's pixels (and labels) replace an
 * earlier one's.
 */
public final class SceneRenderer {
    private final SceneLabels labels;
    private final int pixelNoise;

    /**
     * A renderer.
     *
     * @param labels the label numbers to write into masks
     * @param pixelNoise the largest per-channel change of the independent per-pixel noise added to
     *     the image (0 for none); masks are not affected
     */
    public SceneRenderer(SceneLabels labels, int pixelNoise) {
        if (pixelNoise < 0 || pixelNoise > 127) {
            throw new IllegalArgumentException("pixel noise must be 0..127, got " + pixelNoise);
        }
        this.labels = labels;
        this.pixelNoise = pixelNoise;
    }

    /** Where each region is and whether its pattern colour shows, per pixel. */
    private record Layout(int width, int height, int[] region, boolean[] pattern) {
    }

    /**
     * Renders the scene: an image of {@code width x height} and masks of
     * {@code maskWidth x maskHeight}.
     *
     * @throws IllegalArgumentException if a size is not positive, or the scene uses a shape,
     *     colour or texture the labels do not know
     */
    public RenderedScene render(Scene scene, int width, int height, int maskWidth, int maskHeight) {
        if (width <= 0 || height <= 0 || maskWidth <= 0 || maskHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + ", masks "
                    + maskWidth + "x" + maskHeight);
        }
        Layout image = layout(scene, width, height);
        int[] rgb = paint(scene, image);
        Layout maskLayout = maskWidth == width && maskHeight == height ? image : layout(scene, maskWidth, maskHeight);
        Map<String, int[]> masks = masks(scene, maskLayout);
        Map<String, List<Integer>> imageLabels = new LinkedHashMap<>();
        if (labels.hasScenes()) {
            imageLabels.put(SceneLabels.SCENE, List.of(labels.sceneNumber(scene.background())));
        }
        return new RenderedScene(scene, width, height, rgb, maskWidth, maskHeight, masks, imageLabels);
    }

    /**
     * Which region covers each pixel at this resolution: 0 for the background, {@code k + 1} for
     * object {@code k}.
     */
    public int[] regions(Scene scene, int width, int height) {
        return layout(scene, width, height).region();
    }

    private static Layout layout(Scene scene, int w, int h) {
        double sx = scene.aspect() / w;
        double sy = 1.0 / h;
        int[] region = new int[w * h];
        List<SceneObject> objects = scene.objects();
        for (int k = 0; k < objects.size(); k++) {
            SceneObject o = objects.get(k);
            double cos = Math.cos(o.rotation());
            double sin = Math.sin(o.rotation());
            double inv = 1 / o.size();
            // only the pixels whose centres can lie in the circumcircle
            int x0 = Math.max(0, (int) Math.floor((o.x() - o.size()) / sx - 0.5));
            int x1 = Math.min(w - 1, (int) Math.ceil((o.x() + o.size()) / sx - 0.5));
            int y0 = Math.max(0, (int) Math.floor((o.y() - o.size()) / sy - 0.5));
            int y1 = Math.min(h - 1, (int) Math.ceil((o.y() + o.size()) / sy - 0.5));
            for (int py = y0; py <= y1; py++) {
                double dy = (py + 0.5) * sy - o.y();
                for (int px = x0; px <= x1; px++) {
                    double dx = (px + 0.5) * sx - o.x();
                    double u = (dx * cos + dy * sin) * inv;
                    double v = (-dx * sin + dy * cos) * inv;
                    if (o.shape().contains(u, v)) {
                        region[py * w + px] = k + 1;
                    }
                }
            }
        }
        boolean[] pattern = new boolean[w * h];
        Fill[] fills = fills(scene);
        double[] cos = new double[fills.length];
        double[] sin = new double[fills.length];
        for (int r = 0; r < fills.length; r++) {
            cos[r] = Math.cos(fills[r].angle());
            sin[r] = Math.sin(fills[r].angle());
        }
        for (int py = 0; py < h; py++) {
            double y = (py + 0.5) * sy;
            for (int px = 0; px < w; px++) {
                int i = py * w + px;
                Fill f = fills[region[i]];
                if (f.texture() != null) {
                    double x = (px + 0.5) * sx + f.phaseX();
                    double yy = y + f.phaseY();
                    double t = x * cos[region[i]] + yy * sin[region[i]];
                    double n = -x * sin[region[i]] + yy * cos[region[i]];
                    pattern[i] = f.texture().isPattern(t, n, f.period(), f.seed());
                }
            }
        }
        return new Layout(w, h, region, pattern);
    }

    private static Fill[] fills(Scene scene) {
        Fill[] fills = new Fill[scene.objects().size() + 1];
        fills[0] = scene.background();
        for (int k = 0; k < scene.objects().size(); k++) {
            fills[k + 1] = scene.objects().get(k).fill();
        }
        return fills;
    }

    private int[] paint(Scene scene, Layout l) {
        Fill[] fills = fills(scene);
        int[] rgb = new int[l.width() * l.height()];
        int span = 2 * pixelNoise + 1;
        for (int py = 0; py < l.height(); py++) {
            for (int px = 0; px < l.width(); px++) {
                int i = py * l.width() + px;
                Fill f = fills[l.region()[i]];
                int c = l.pattern()[i] ? f.patternRgb() : f.rgb();
                if (pixelNoise > 0) {
                    long hash = SeededRandom.hash(scene.noiseSeed(), px, py);
                    c = add(c, 16, (int) ((hash & 0xffff) % span) - pixelNoise)
                            | add(c, 8, (int) (((hash >>> 16) & 0xffff) % span) - pixelNoise)
                            | add(c, 0, (int) (((hash >>> 32) & 0xffff) % span) - pixelNoise);
                }
                rgb[i] = c;
            }
        }
        return rgb;
    }

    /** Channel {@code shift} of {@code rgb} plus {@code delta}, clamped, in place. */
    private static int add(int rgb, int shift, int delta) {
        int v = Math.max(0, Math.min(255, ((rgb >> shift) & 0xff) + delta));
        return v << shift;
    }

    private Map<String, int[]> masks(Scene scene, Layout l) {
        Fill[] fills = fills(scene);
        int regions = fills.length;
        int[] objectOf = new int[regions];
        int[] colorOf = new int[regions];
        int[] patternColorOf = new int[regions];
        int[] textureOf = new int[regions];
        for (int r = 0; r < regions; r++) {
            Fill f = fills[r];
            objectOf[r] = r == 0 ? 0 : labels.number(scene.objects().get(r - 1).shape());
            colorOf[r] = labels.number(f.color());
            patternColorOf[r] = f.isTextured() ? labels.number(f.patternColor()) : colorOf[r];
            textureOf[r] = f.isTextured() ? labels.number(f.texture()) : 0;
        }
        int n = l.width() * l.height();
        int[] object = new int[n];
        int[] color = new int[n];
        int[] texture = new int[n];
        for (int i = 0; i < n; i++) {
            int r = l.region()[i];
            object[i] = objectOf[r];
            color[i] = l.pattern()[i] ? patternColorOf[r] : colorOf[r];
            texture[i] = textureOf[r];
        }
        Map<String, int[]> masks = new LinkedHashMap<>();
        masks.put(SceneLabels.OBJECT, object);
        masks.put(SceneLabels.COLOR, color);
        if (labels.hasTextures()) {
            masks.put(SceneLabels.TEXTURE, texture);
        }
        return masks;
    }
}
