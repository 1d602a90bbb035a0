package dev.neurolens.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The positions of a square sliding window over an image, as Captum's {@code Occlusion}: along
 * each axis the window starts at {@code 0, stride, 2·stride, …} as long as it fits, i.e.
 * {@code ⌊(size − window)/stride⌋ + 1} positions. Pixels that no window covers (when the stride
 * does not divide {@code size − window}) get no attribution.
 *
 * @param height image rows
 * @param width image columns
 * @param window the window's side
 * @param stride the step between windows
 */
record OcclusionWindows(int height, int width, int window, int stride) {

    /** A window's top-left corner. */
    record Window(int y, int x) {
    }

    /** Compact constructor: validates. */
    OcclusionWindows {
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException("window and stride must be positive");
        }
        if (window > height || window > width) {
            throw new IllegalArgumentException("window " + window + " is larger than the " + height + "x" + width
                    + " input");
        }
    }

    /** All windows, row by row. */
    List<Window> all() {
        List<Window> w = new ArrayList<>();
        for (int y = 0; y + window <= height; y += stride) {
            for (int x = 0; x + window <= width; x += stride) {
                w.add(new Window(y, x));
            }
        }
        return w;
    }
}
