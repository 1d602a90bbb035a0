package dev.neurolens.ui.result;

import java.awt.image.BufferedImage;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;

/** Converts core's RGB images to SWT images (no AWT toolkit involved). */
public final class SwtImages {
    private SwtImages() {
    }

    /** The pixels of {@code img} as 24-bit SWT image data. */
    public static ImageData data(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    /** A new SWT image of {@code img}; the caller disposes it. */
    public static Image image(Display display, BufferedImage img) {
        return new Image(display, data(img));
    }
}
