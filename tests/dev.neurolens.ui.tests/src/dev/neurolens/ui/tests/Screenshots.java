package dev.neurolens.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;

/** Screenshots of controls as PNG files, and a check that one shows something. */
final class Screenshots {
    private Screenshots() {
    }

    /** The folder screenshots go to ({@code target/screenshots} in the build). */
    static Path folder() {
        return Path.of(System.getProperty("neurolens.screenshots", "target/screenshots"));
    }

    /**
     * Takes a screenshot of {@code control} with {@link Control#print}, or, where printing gives a
     * blank image (shells on some window systems), by copying its area from the screen.
     */
    static ImageData take(Control control) {
        Workbench.pump();
        Point size = control.getSize();
        ImageData data = printed(control, size);
        if (!nonBlank(data)) {
            data = copied(control, size);
        }
        return data;
    }

    /** Takes and saves a screenshot as {@code name}.png; returns the file. */
    static Path save(Control control, String name) throws Exception {
        ImageData data = take(control);
        Files.createDirectories(folder());
        Path file = folder().resolve(name + ".png");
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        return file;
    }

    private static ImageData printed(Control control, Point size) {
        Image image = new Image(control.getDisplay(), size.x, size.y);
        GC gc = new GC(image);
        try {
            control.print(gc);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    private static ImageData copied(Control control, Point size) {
        Point origin = control.toDisplay(0, 0);
        Image image = new Image(control.getDisplay(), size.x, size.y);
        GC gc = new GC(control.getDisplay());
        try {
            gc.copyArea(image, origin.x, origin.y);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    /**
     * Whether an image shows something: at least 16 distinct colours, and no single colour
     * covering more than 97 % of it.
     */
    static boolean nonBlank(ImageData data) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < data.height; y++) {
            for (int x = 0; x < data.width; x++) {
                counts.merge(data.getPixel(x, y), 1, Integer::sum);
            }
        }
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return counts.size() >= 16 && most < 0.97 * data.width * data.height;
    }
}
