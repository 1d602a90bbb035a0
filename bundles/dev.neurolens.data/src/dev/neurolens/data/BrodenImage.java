package dev.neurolens.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image to write into a Broden dataset with {@link BrodenWriter}: its pixels and its labels
 * per category, as mask layers at {@code maskWidth x maskHeight} and/or whole-image labels. All
 * labels are dataset-wide numbers of the writer's {@link LabelSpace}; 0 in a mask is "no label".
 *
 * @param name the file name without extension, relative to {@code images/}, e.g.
 *     {@code synthetic/000042}; masks are written next to it as {@code NAME_CATEGORY.png}
 * @param split the split, e.g. {@code train} or {@code val}
 * @param width the image width
 * @param height the image height
 * @param rgb packed {@code 0xRRGGBB} pixels, row-major (not copied)
 * @param maskWidth the mask width ({@code sw})
 * @param maskHeight the mask height ({@code sh})
 * @param masks mask layers per category, dominant first (arrays not copied)
 * @param imageLabels whole-image label numbers per category
 */
public record BrodenImage(String name, String split, int width, int height, int[] rgb, int maskWidth, int maskHeight,
        Map<String, List<int[]>> masks, Map<String, List<Integer>> imageLabels) {

    /**
     * Checks the sizes and copies the maps.
     *
     * @throws IllegalArgumentException if a size does not match or the name is not a relative
     *     path
     */
    public BrodenImage {
        if (name.isBlank() || name.startsWith("/") || name.contains("..") || name.contains("\\")
                || name.contains(",") || name.contains(";")) {
            throw new IllegalArgumentException("image name '" + name + "' must be a plain relative path");
        }
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException(name + ": " + width + "x" + height + " pixels need an array of "
                    + width * height + ", got " + rgb.length);
        }
        for (Map.Entry<String, List<int[]>> e : masks.entrySet()) {
            for (int[] m : e.getValue()) {
                if (maskWidth <= 0 || maskHeight <= 0 || m.length != maskWidth * maskHeight) {
                    throw new IllegalArgumentException(name + ": a " + maskWidth + "x" + maskHeight + " mask of '"
                            + e.getKey() + "' needs " + maskWidth * maskHeight + " labels, got " + m.length);
                }
            }
        }
        Map<String, List<int[]>> m = new LinkedHashMap<>();
        masks.forEach((k, v) -> m.put(k, List.copyOf(v)));
        masks = Collections.unmodifiableMap(m);
        Map<String, List<Integer>> l = new LinkedHashMap<>();
        imageLabels.forEach((k, v) -> l.put(k, List.copyOf(v)));
        imageLabels = Collections.unmodifiableMap(l);
    }
}
