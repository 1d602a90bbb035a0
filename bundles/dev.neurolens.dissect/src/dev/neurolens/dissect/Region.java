package dev.neurolens.dissect;

/**
 * A rectangle of input pixels, inclusive bounds, e.g. a unit's receptive field around a position.
 *
 * @param top first row
 * @param left first column
 * @param bottom last row
 * @param right last column
 */
public record Region(int top, int left, int bottom, int right) {

    /** The height in pixels. */
    public int height() {
        return bottom - top + 1;
    }

    /** The width in pixels. */
    public int width() {
        return right - left + 1;
    }

    /** Whether pixel (row, column) lies inside. */
    public boolean contains(int row, int column) {
        return row >= top && row <= bottom && column >= left && column <= right;
    }

    /** This region clipped to an image of {@code height x width}. */
    public Region clip(int height, int width) {
        return new Region(Math.max(0, top), Math.max(0, left), Math.min(height - 1, bottom), Math.min(width - 1, right));
    }
}
