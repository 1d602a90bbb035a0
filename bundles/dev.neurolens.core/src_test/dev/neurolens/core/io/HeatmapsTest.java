package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapsTest {
    @TempDir
    Path dir;

    @Test
    void colormapsHaveMatplotlibsEndpoints() {
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1));
        assertEquals(0x21908C, Colormap.VIRIDIS.rgb(0.5));
        assertEquals(0x000004, Colormap.INFERNO.rgb(0));
        assertEquals(0xFCFFA4, Colormap.INFERNO.rgb(1));
        assertEquals(0x000080, Colormap.JET.rgb(0));
        assertEquals(0x800000, Colormap.JET.rgb(1));
        assertEquals(0x000000, Colormap.GRAY.rgb(0));
        assertEquals(0x808080, Colormap.GRAY.rgb(0.5));
        assertEquals(0xFFFFFF, Colormap.GRAY.rgb(1));
        assertEquals(0x00004C, Colormap.SEISMIC.rgb(0));
        assertEquals(0xFFFFFF, Colormap.SEISMIC.rgb(0.5));
        assertEquals(0x800000, Colormap.SEISMIC.rgb(1));
        assertEquals(0x3B4CC0, Colormap.COOLWARM.rgb(0));
        assertEquals(0xDDDDDD, Colormap.COOLWARM.rgb(0.5));
        assertEquals(0xB40426, Colormap.COOLWARM.rgb(1));
        // matplotlib's jet at 0.25 and 0.75 is 0080FF and FF9400 (to 8 bits, its table rounding aside)
        assertClose(0x0080FF, Colormap.JET.rgb(0.25), 2);
        assertClose(0xFF9400, Colormap.JET.rgb(0.75), 3);
    }

    @Test
    void colormapsClampAndParse() {
        for (Colormap c : Colormap.values()) {
            assertEquals(c.rgb(0), c.rgb(-3));
            assertEquals(c.rgb(1), c.rgb(7));
            assertEquals(c.rgb(0), c.rgb(Double.NaN));
            assertEquals(c, Colormap.parse(c.name().toLowerCase()));
        }
        assertTrue(Colormap.SEISMIC.diverging());
        assertTrue(Colormap.COOLWARM.diverging());
        assertFalse(Colormap.VIRIDIS.diverging());
        assertEquals(Colormap.GRAY, Colormap.parse(" Grey "));
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Colormap.parse("rainbow"));
        assertTrue(e.getMessage().contains("rainbow") && e.getMessage().contains("viridis, inferno, jet, gray,"
                + " seismic, coolwarm"), e.getMessage());
    }

    @Test
    void rendersEndpointsAtMinAndMax() {
        Tensor map = Tensor.of(new float[] {-2, 0, 1, 3, 5, 8}, 2, 3);
        BufferedImage img = Heatmaps.render(map, Colormap.VIRIDIS, Scaling.MIN_MAX);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(3, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(0x440154, img.getRGB(0, 0) & 0xffffff);
        assertEquals(0xFDE725, img.getRGB(2, 1) & 0xffffff);
        assertEquals(Colormap.VIRIDIS.rgb(0.5), img.getRGB(0, 1) & 0xffffff); // 3 is halfway from -2 to 8

        img = Heatmaps.render(map, Colormap.SEISMIC, Scaling.SYMMETRIC);
        assertEquals(0xFFFFFF, img.getRGB(1, 0) & 0xffffff, "zero is white");
        assertEquals(0x800000, img.getRGB(2, 1) & 0xffffff, "max |v| is the red end");
        assertEquals(Colormap.SEISMIC.rgb(0.5 - 2.0 / 16), img.getRGB(0, 0) & 0xffffff);

        img = Heatmaps.render(map, Colormap.GRAY, Scaling.POSITIVE);
        assertEquals(0x000000, img.getRGB(0, 0) & 0xffffff, "negatives cut to 0");
        assertEquals(0xFFFFFF, img.getRGB(2, 1) & 0xffffff);
    }

    @Test
    void constantMapsRenderAsTheNeutralColour() {
        Tensor flat = Tensor.of(new float[] {4, 4, 4, 4}, 2, 2);
        Tensor zeros = Tensor.zeros(2, 2);
        for (int i = 0; i < 4; i++) {
            assertEquals(Colormap.INFERNO.rgb(0), Heatmaps.render(flat, Colormap.INFERNO, Scaling.MIN_MAX)
                    .getRGB(i % 2, i / 2) & 0xffffff);
            assertEquals(0xFFFFFF, Heatmaps.render(zeros, Colormap.SEISMIC, Scaling.SYMMETRIC)
                    .getRGB(i % 2, i / 2) & 0xffffff);
            assertEquals(Colormap.JET.rgb(0), Heatmaps.render(zeros, Colormap.JET, Scaling.POSITIVE)
                    .getRGB(i % 2, i / 2) & 0xffffff);
        }
        float[] t = Scaling.MIN_MAX.apply(Tensor.of(new float[] {Float.NaN, 1, 2, Float.POSITIVE_INFINITY}, 4));
        assertArrayEquals(new float[] {0, 0, 1, 1}, t);
        assertThrows(IllegalArgumentException.class, () -> Heatmaps.render(Tensor.zeros(3, 2, 2), Colormap.JET,
                Scaling.MIN_MAX));
    }

    @Test
    void overlaysAtTheBaseSize() {
        BufferedImage base = solid(10, 8, 0x000000);
        BufferedImage heat = solid(3, 2, 0xC86432);
        BufferedImage half = Heatmaps.overlay(base, heat, 0.5f);
        assertEquals(10, half.getWidth());
        assertEquals(8, half.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, half.getType());
        assertEquals(0x643219, half.getRGB(5, 4) & 0xffffff);
        assertEquals(0x000000, Heatmaps.overlay(base, heat, 0f).getRGB(9, 7) & 0xffffff);
        assertEquals(0xC86432, Heatmaps.overlay(base, heat, 1f).getRGB(0, 0) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> Heatmaps.overlay(base, heat, 1.5f));
    }

    @Test
    void resizesAndPlacesSideBySide() {
        BufferedImage small = Heatmaps.render(Tensor.of(new float[] {0, 1, 2, 3}, 2, 2), Colormap.GRAY,
                Scaling.MIN_MAX);
        BufferedImage big = Heatmaps.resize(small, 7, 5);
        assertEquals(7, big.getWidth());
        assertEquals(5, big.getHeight());
        assertEquals(small.getRGB(0, 0), big.getRGB(0, 0), "corners keep their colour");
        assertEquals(small.getRGB(1, 1), big.getRGB(6, 4));

        BufferedImage strip = Heatmaps.sideBySide(List.of(solid(4, 3, 0xff0000), solid(2, 5, 0x00ff00)), 3);
        assertEquals(9, strip.getWidth());
        assertEquals(5, strip.getHeight());
        assertEquals(0xff0000, strip.getRGB(3, 2) & 0xffffff);
        assertEquals(0xffffff, strip.getRGB(5, 0) & 0xffffff, "the gap");
        assertEquals(0xffffff, strip.getRGB(0, 4) & 0xffffff, "below the shorter image");
        assertEquals(0x00ff00, strip.getRGB(8, 4) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> Heatmaps.sideBySide(List.of(), 1));
    }

    @Test
    void reducesChannels() {
        // [C=2, H=1, W=2]: channel 0 = (1, -3), channel 1 = (-2, 4)
        Tensor chw = Tensor.of(new float[] {1, -3, -2, 4}, 2, 1, 2);
        assertArrayEquals(new float[] {-1, 1}, ChannelReduction.SUM.reduce(chw).data());
        assertArrayEquals(new float[] {3, 7}, ChannelReduction.ABS_SUM.reduce(chw).data());
        assertArrayEquals(new float[] {2, 4}, ChannelReduction.MAX_ABS.reduce(chw).data());
        assertArrayEquals(new float[] {(float) Math.sqrt(5), 5}, ChannelReduction.L2.reduce(chw).data());
        assertArrayEquals(new int[] {1, 2}, ChannelReduction.SUM.reduce(chw).shape());
        Tensor hwc = Tensor.of(new float[] {1, -2, -3, 4}, 1, 2, 2);
        assertEquals(ChannelReduction.SUM.reduce(chw),
                ChannelReduction.SUM.reduce(hwc, dev.neurolens.core.model.Preprocessing.Layout.NHWC));
        assertEquals(ChannelReduction.MAX_ABS, ChannelReduction.parse("abs-max"));
        assertEquals(ChannelReduction.ABS_SUM, ChannelReduction.parse("abs_sum"));
        assertThrows(IllegalArgumentException.class, () -> ChannelReduction.SUM.reduce(Tensor.zeros(2, 2)));
    }

    @Test
    void encodesPngLosslessly() throws IOException {
        BufferedImage img = Heatmaps.render(Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2), Colormap.JET,
                Scaling.MIN_MAX);
        byte[] png = Png.encode(img);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y));
            }
        }
        Path file = dir.resolve("out/heat.png");
        Png.write(img, file);
        assertArrayEquals(png, Files.readAllBytes(file));
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static void assertClose(int expected, int actual, int tolerance) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            int e = (expected >> shift) & 0xff;
            int a = (actual >> shift) & 0xff;
            assertTrue(Math.abs(e - a) <= tolerance, String.format("expected %06X, got %06X", expected, actual));
        }
    }
}
