package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.Preprocessing.ChannelOrder;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.model.Preprocessing.Resize;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    /** Measured 0.0: the Java port of Pillow's bilinear filter reproduces the reference exactly. */
    private static final double CHELSEA_BOUND = 1e-5;

    @TempDir
    Path dir;

    @Test
    void matchesThePillowReferenceTensor() {
        Preprocessing p = Sidecar.read(sample("../../models/resnet20_cifar10.onnx")).orElseThrow();
        Tensor actual = Images.load(sample("../../images/chelsea.png"), p);
        Tensor reference = Npy.read(sample("../../models/resnet20_cifar10.chelsea.input.npy")).slice(0);
        assertArrayEquals(reference.shape(), actual.shape());
        double max = 0;
        for (int i = 0; i < actual.size(); i++) {
            max = Math.max(max, Math.abs(actual.get(i) - reference.get(i)));
        }
        System.out.println("chelsea vs Pillow reference: max abs difference " + max);
        assertTrue(max < CHELSEA_BOUND, "max abs difference " + max);
    }

    @Test
    void centerCropsAndResizesLikePillow() {
        BufferedImage img = pattern(13, 9);
        // Pillow: img.crop((2, 0, 11, 9)).resize((4, 4), Image.BILINEAR)
        int[][] expected = {{114, 73, 11}, {182, 83, 26}, {80, 95, 54}, {92, 105, 87}, {136, 154, 18},
            {191, 164, 33}, {89, 168, 61}, {114, 101, 94}, {162, 118, 24}, {167, 121, 39}, {72, 132, 67},
            {140, 138, 100}, {184, 103, 31}, {111, 72, 46}, {88, 84, 74}, {162, 94, 107}};
        assertPixels(expected, Images.fit(img, Preprocessing.plain(4, 4)));
    }

    @Test
    void stretchesLikePillow() {
        BufferedImage img = pattern(13, 9);
        Preprocessing p = new Preprocessing(5, 7, ChannelOrder.RGB, Layout.NCHW, 255f, new float[3],
                new float[] {1, 1, 1}, Resize.STRETCH, List.of());
        // Pillow: img.resize((5, 7), Image.BILINEAR): shrinks across, enlarges down
        int[][] expected = {{42, 24, 3}, {127, 36, 13}, {145, 49, 38}, {67, 62, 77}, {152, 74, 121},
            {55, 108, 6}, {140, 120, 16}, {158, 133, 41}, {80, 146, 80}, {165, 158, 124}, {68, 192, 10},
            {153, 204, 20}, {171, 217, 45}, {93, 142, 84}, {178, 79, 128}, {83, 72, 14}, {168, 84, 24},
            {105, 97, 49}, {108, 89, 88}, {193, 83, 132}, {98, 130, 18}, {183, 142, 28}, {105, 155, 53},
            {123, 168, 92}, {208, 180, 136}, {111, 204, 22}, {175, 116, 32}, {86, 99, 57}, {136, 112, 96},
            {179, 124, 140}, {124, 107, 25}, {171, 68, 35}, {73, 67, 60}, {149, 80, 99}, {157, 92, 143}};
        assertPixels(expected, Images.fit(img, p));
    }

    @Test
    void cropsTheCentreOfWideAndTallImages() {
        // a wide image whose outer columns are red: a correct centre crop never sees them
        BufferedImage wide = new BufferedImage(10, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(4, 11, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 10; x++) {
                wide.setRGB(x, y, x < 3 || x >= 7 ? 0xff0000 : 0x204060);
            }
        }
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 4; x++) {
                tall.setRGB(x, y, y < 3 || y >= 7 ? 0xff0000 : 0x204060); // offset (11-4)/2 = 3
            }
        }
        for (BufferedImage img : List.of(wide, tall)) {
            BufferedImage fitted = Images.fit(img, Preprocessing.plain(2, 2));
            assertEquals(2, fitted.getWidth());
            for (int i = 0; i < 4; i++) {
                assertEquals(0x204060, fitted.getRGB(i % 2, i / 2) & 0xffffff);
            }
        }
    }

    @Test
    void buildsTensorsInEachLayoutAndChannelOrder() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0a141e); // 10, 20, 30
        img.setRGB(1, 0, 0xff0000);
        Preprocessing nchw = new Preprocessing(2, 1, ChannelOrder.RGB, Layout.NCHW, 10f, new float[] {1, 0, 0},
                new float[] {2, 1, 1}, Resize.STRETCH, List.of());
        Tensor t = Images.toTensor(img, nchw);
        assertArrayEquals(new int[] {3, 1, 2}, t.shape());
        assertArrayEquals(new float[] {0f, 12.25f, 2f, 0f, 3f, 0f}, t.data());

        Preprocessing nhwcBgr = new Preprocessing(2, 1, ChannelOrder.BGR, Layout.NHWC, 1f, new float[] {0, 0, 0},
                new float[] {1, 1, 1}, Resize.STRETCH, List.of());
        t = Images.toTensor(img, nhwcBgr);
        assertArrayEquals(new int[] {1, 2, 3}, t.shape());
        assertArrayEquals(new float[] {30, 20, 10, 0, 0, 255}, t.data());

        Preprocessing gray = new Preprocessing(2, 1, ChannelOrder.GRAY, Layout.NCHW, 1f, new float[] {0},
                new float[] {1}, Resize.STRETCH, List.of());
        t = Images.toTensor(img, gray);
        assertArrayEquals(new int[] {1, 1, 2}, t.shape());
        assertEquals(0.299 * 10 + 0.587 * 20 + 0.114 * 30, t.get(0), 1e-4);
        assertEquals(0.299 * 255, t.get(1), 1e-4);

        assertThrows(IllegalArgumentException.class, () -> Images.toTensor(img, Preprocessing.plain(3, 3)));
    }

    @Test
    void fromTensorInvertsToTensor() {
        Preprocessing p = Sidecar.read(sample("../../models/resnet20_cifar10.onnx")).orElseThrow();
        BufferedImage fitted = Images.fit(pattern(40, 50), p);
        BufferedImage back = Images.fromTensor(Images.toTensor(fitted, p), p);
        assertArrayEquals(RgbImages.pixels(fitted), RgbImages.pixels(back));
        Tensor batch = Tensor.stack(List.of(Images.toTensor(fitted, p)));
        assertArrayEquals(RgbImages.pixels(fitted), RgbImages.pixels(Images.fromTensor(batch, p)));

        Preprocessing nhwc = new Preprocessing(32, 32, ChannelOrder.BGR, Layout.NHWC, 1f, new float[] {100, 110, 120},
                new float[] {50, 60, 70}, Resize.CENTER_CROP, List.of());
        assertArrayEquals(RgbImages.pixels(fitted),
                RgbImages.pixels(Images.fromTensor(Images.toTensor(fitted, nhwc), nhwc)));
        assertThrows(IllegalArgumentException.class, () -> Images.fromTensor(Tensor.zeros(4, 32, 32), p));
    }

    @Test
    void readsRgbAndDropsAlphaAndExpandsGray() throws IOException {
        BufferedImage chelsea = Images.read(sample("../../images/chelsea.png"));
        assertEquals(BufferedImage.TYPE_INT_RGB, chelsea.getType());
        assertEquals(451, chelsea.getWidth());
        assertEquals(300, chelsea.getHeight());
        BufferedImage rocket = Images.read(sample("../../images/rocket.jpg"));
        assertEquals(BufferedImage.TYPE_INT_RGB, rocket.getType());
        assertEquals(640, rocket.getWidth());

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00123456); // fully transparent
        argb.setRGB(1, 0, 0x80abcdef);
        Path argbFile = dir.resolve("alpha.png");
        ImageIO.write(argb, "png", argbFile.toFile());
        BufferedImage read = Images.read(argbFile);
        assertEquals(BufferedImage.TYPE_INT_RGB, read.getType());
        assertEquals(0x123456, read.getRGB(0, 0) & 0xffffff);
        assertEquals(0xabcdef, read.getRGB(1, 0) & 0xffffff);

        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 100, 255});
        Path grayFile = dir.resolve("gray.png");
        ImageIO.write(gray, "png", grayFile.toFile());
        read = Images.read(grayFile);
        assertEquals(0x000000, read.getRGB(0, 0) & 0xffffff);
        assertEquals(0x646464, read.getRGB(1, 0) & 0xffffff, "grey values as stored, no gamma conversion");
        assertEquals(0xffffff, read.getRGB(2, 0) & 0xffffff);
    }

    @Test
    void decodeErrorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertMessage(missing, "not found");

        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertMessage(empty, "empty");

        Path text = Files.writeString(dir.resolve("notes.png"), "this is not an image\n");
        assertMessage(text, "cannot decode image " + text + ": not a PNG/JPEG/BMP/GIF image");

        byte[] png = Files.readAllBytes(sample("../../images/chelsea.png"));
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        assertMessage(cut, "cannot decode image " + cut);

        byte[] jpeg = Files.readAllBytes(sample("../../images/rocket.jpg"));
        Path cutJpeg = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length - 500));
        assertMessage(cutJpeg, "truncated");

        assertMessage(dir, "folder");
    }

    private static void assertMessage(Path file, String part) {
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Images.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** The synthetic test image the Pillow expectations were computed from. */
    private static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 37 + y * 11) % 256;
                int g = (x * 5 + y * 71) % 256;
                int b = (x * x + 3 * y) % 256;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    private static void assertPixels(int[][] expected, BufferedImage actual) {
        int w = actual.getWidth();
        assertEquals(expected.length, w * actual.getHeight());
        for (int i = 0; i < expected.length; i++) {
            int rgb = actual.getRGB(i % w, i / w);
            int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
            assertArrayEquals(expected[i], got, "pixel " + (i % w) + "," + (i / w));
        }
    }

    /**
     * A sample file by its path relative to this bundle's folder, e.g. {@code ../../models/x.npy}
     * (the build passes the folder as {@code neurolens.bundle.dir}; an IDE run starts in it). Kept
     * in each test class: Tycho's incremental test compile does not see other test classes.
     */
    private static Path sample(String relative) {
        return Path.of(System.getProperty("neurolens.bundle.dir", "")).toAbsolutePath().resolve(relative).normalize();
    }
}
