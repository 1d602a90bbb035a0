package dev.neurolens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout variants real Broden folders have: several entries per cell, CRLF, quoting, big labels. */
class BrodenReaderTest {
    @TempDir
    Path dir;

    @Test
    void cellsWithSeveralMasksAndLabelsCrlfAndQuotes() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s
                // two object layers and two whole-image scene labels in row 1
                .replace("synthetic/000000_object.png,", "synthetic/000000_object.png;synthetic/000001_object.png,")
                .replace("000000_texture.png,27", "000000_texture.png,\"27;25\"")
                .replace("\n", "\r\n"));
        Samples.edit(ds.resolve("label.csv"), s -> s.replace("1,circle,", "1,\"circle, round\",").replace("\n", "\r\n"));
        BrodenDataset d = BrodenDataset.open(ds);
        assertEquals(6, d.size());
        assertEquals("circle, round", d.label(1).name());
        assertEquals(Map.of("object", 2), d.label(1).categories());
        CategoryLabels object = d.read(0).category("object");
        assertEquals(2, object.maskCount());
        CategoryLabels single = d.read(1).category("object");
        assertArrayEquals(single.mask(0), object.mask(1), "layer 2 is image 1's object mask");
        CategoryLabels scene = d.read(0).category("scene");
        assertArrayEquals(new int[] {27, 25}, scene.imageLabels());
        assertEquals(4, d.image(2).line(), "lines count from the header, line 1");
    }

    @Test
    void masksFromOtherEncodersAndLabelsAbove255() throws IOException {
        // a hand-made dataset: label 300 is stored as red 44 + 256 * green 1
        Path ds = Files.createDirectories(dir.resolve("big"));
        Files.writeString(ds.resolve("label.csv"), "number,name,category,frequency,coverage,syns\n"
                + "1,sky,object(1),1,0.5,\n300,cloud,object(1),1,0.25,cumulus;nimbus\n");
        Files.writeString(ds.resolve("category.csv"), "name,first,last,count,frequency\nobject,1,300,2,2\n");
        Files.writeString(ds.resolve("c_object.csv"), "code,number,name,frequency,coverage\n1,1,sky,1,0.5\n"
                + "2,300,cloud,1,0.25\n");
        Files.writeString(ds.resolve("index.csv"), "image,split,ih,iw,sh,sw,object\n"
                + "a.jpg,train,4,4,2,2,a_rgb.png\nb.jpg,train,4,4,2,2,b_grey.png;b_palette.png\n");
        Files.createDirectories(ds.resolve("images"));
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        rgb.setRGB(0, 0, 44 << 16 | 1 << 8);
        rgb.setRGB(1, 1, 1 << 16);
        ImageIO.write(rgb, "png", ds.resolve("images/a_rgb.png").toFile());
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 1);
        ImageIO.write(grey, "png", ds.resolve("images/b_grey.png").toFile());
        BufferedImage palette = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED);
        palette.setRGB(0, 1, 1 << 16); // the default palette has pure colours: red 1 is not in it
        ImageIO.write(palette, "png", ds.resolve("images/b_palette.png").toFile());
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpg", ds.resolve("images/a.jpg").toFile());

        BrodenDataset d = BrodenDataset.open(ds);
        assertEquals(301, d.labelCount());
        assertEquals(List.of("cumulus", "nimbus"), d.label(300).synonyms());
        assertArrayEquals(new int[] {300, 0, 0, 1}, d.read(0).category("object").mask(0));
        assertArrayEquals(new int[] {0, 1, 0, 0}, d.read(1).category("object").mask(0), "grey: the value is the label");
        assertEquals(4, d.readImage(0).getWidth());
        Category object = d.category("object");
        assertEquals(2, object.code(300));
        assertArrayEquals(new int[] {2, 0, 0, 1}, object.toCodes(d.read(0).category("object").mask(0).clone()));
        // the palette mask decodes through its colour table; whatever it holds must be a known label
        int[] fromPalette = d.read(1).category("object").mask(1);
        for (int v : fromPalette) {
            assertTrue(v == 0 || object.contains(v), "label " + v);
        }
    }

    @Test
    void unknownCategoryIsNamed() {
        BrodenDataset d = BrodenDataset.open(Samples.sample());
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> d.read(0, List.of("part")));
        assertTrue(e.getMessage().contains("no category 'part'") && e.getMessage().contains("object, color"),
                e.getMessage());
    }
}
