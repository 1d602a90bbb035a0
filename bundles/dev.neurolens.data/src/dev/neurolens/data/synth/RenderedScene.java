package dev.neurolens.data.synth;

import dev.neurolens.data.BrodenImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scene rendered to pixels and label masks, in memory: what a Broden dataset stores for one
 * image. Arrays are handed out without copying; do not modify them.
 *
 * @param scene the scene
 * @param width the image width
 * @param height the image height
 * @param rgb packed {@code 0xRRGGBB} pixels, row-major
 * @param maskWidth the mask width
 * @param maskHeight the mask height
 * @param masks one mask per category ({@code object}, {@code color}, {@code texture}), holding
 *     label numbers of {@link SceneLabels} row-major, 0 for "no label"
 * @param imageLabels whole-image labels per category ({@code scene})
 */
public record RenderedScene(Scene scene, int width, int height, int[] rgb, int maskWidth, int maskHeight,
        Map<String, int[]> masks, Map<String, List<Integer>> imageLabels) {

    /** Copies the maps (not the arrays). */
    public RenderedScene {
        masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
        imageLabels = Collections.unmodifiableMap(new LinkedHashMap<>(imageLabels));
    }

    /** The image as a new {@link BufferedImage#TYPE_INT_RGB}. */
    public BufferedImage image() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, data, 0, data.length);
        return img;
    }

    /**
     * The mask of a category.
     *
     * @throws IllegalArgumentException if there is no mask for it
     */
    public int[] mask(String category) {
        int[] m = masks.get(category);
        if (m == null) {
            throw new IllegalArgumentException("no mask for category '" + category + "' (masks: " + masks.keySet()
                    + ")");
        }
        return m;
    }

    /** This scene as an image to write with {@link dev.neurolens.data.BrodenWriter}. */
    public BrodenImage toBrodenImage(String name, String split) {
        Map<String, List<int[]>> layers = new LinkedHashMap<>();
        masks.forEach((k, v) -> layers.put(k, List.of(v)));
        return new BrodenImage(name, split, width, height, rgb, maskWidth, maskHeight, layers, imageLabels);
    }
}
