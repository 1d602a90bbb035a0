package dev.neurolens.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.internal.PngEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** A broken Broden folder fails with a message that names the file and the row at fault. */
class MalformedBrodenTest {
    @TempDir
    Path dir;

    private static String fails(Executable e, String... parts) {
        String m = assertThrows(NeuroLensException.class, e).getMessage();
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + p + "' missing from: " + m);
        }
        return m;
    }

    @Test
    void missingMetaColumn() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replaceFirst(",sw,", ",width,"));
        fails(() -> BrodenDataset.open(ds), ds.resolve("index.csv").toString(), "line 1 (header)", "missing column 'sw'");
    }

    @Test
    void missingCategoryColumn() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replaceFirst(",texture,", ",textures,"));
        fails(() -> BrodenDataset.open(ds), "index.csv line 1 (header)", "missing column 'texture'");
    }

    @Test
    void columnThatIsNoCategory() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("category.csv"), s -> s.replaceAll("(?m)^scene,.*\n", ""));
        fails(() -> BrodenDataset.open(ds), "index.csv line 1 (header)", "column 'scene' is not a category");
    }

    @Test
    void missingLabelColumn() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("label.csv"), s -> s.replaceFirst("number,", "num,"));
        fails(() -> BrodenDataset.open(ds), "label.csv line 1 (header)", "missing column 'number'");
    }

    @Test
    void missingCodingColumnAndFile() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("c_color.csv"), s -> s.replaceFirst("code,", "id,"));
        fails(() -> BrodenDataset.open(ds), "c_color.csv line 1 (header)", "missing column 'code'");
        Files.delete(ds.resolve("c_color.csv"));
        fails(() -> BrodenDataset.open(ds), "missing file " + ds.resolve("c_color.csv"), "category.csv line 3 (row 2)");
    }

    @Test
    void rowWithTooFewFields() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replace("000003_texture.png,28", "000003_texture.png"));
        fails(() -> BrodenDataset.open(ds), "index.csv line 5 (row 4)", "9 fields, but the header has 10");
    }

    @Test
    void sizeThatIsNoNumber() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replace("000002.png,val,32,", "000002.png,val,3x2,"));
        fails(() -> BrodenDataset.open(ds), "index.csv line 4 (row 3)", "column 'ih'", "'3x2'");
    }

    @Test
    void unclosedQuote() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("label.csv"), s -> s.replace("7,hexagon,", "7,\"hexagon,"));
        fails(() -> BrodenDataset.open(ds), "label.csv line 8", "quoted field is not closed");
    }

    @Test
    void unknownWholeImageLabel() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replace("000004_texture.png,26", "000004_texture.png,99"));
        fails(() -> BrodenDataset.open(ds), "index.csv line 6 (row 5)", "column 'scene'", "unknown label 99");
    }

    @Test
    void wholeImageLabelOfAnotherCategory() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("index.csv"), s -> s.replace("000004_texture.png,26", "000004_texture.png,1"));
        fails(() -> BrodenDataset.open(ds), "index.csv line 6 (row 5)", "unknown label 1", "c_scene.csv");
    }

    @Test
    void codingWithUnknownLabelNumber() {
        Path ds = Samples.copyOfSample(dir);
        Samples.edit(ds.resolve("c_object.csv"), s -> s.replace("3,3,triangle", "3,77,triangle"));
        fails(() -> BrodenDataset.open(ds), "c_object.csv line 4 (row 3)", "unknown label number 77");
    }

    @Test
    void maskOfTheWrongSize() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Path mask = ds.resolve("images/synthetic/000002_color.png");
        Files.write(mask, PngEncoder.labels(new int[16 * 16], 16, 16));
        BrodenDataset d = BrodenDataset.open(ds); // masks are checked when read
        fails(() -> d.read(2), mask.toString(), "is 16x16 pixels", "index.csv line 4 (row 3", "32x32");
        fails(() -> d.validate(Progress.NONE), mask.toString(), "row 3");
    }

    @Test
    void maskWithAnUnknownLabelCode() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Path mask = ds.resolve("images/synthetic/000001_object.png");
        int[] labels = new int[32 * 32];
        labels[5 * 32 + 7] = 1234;
        Files.write(mask, PngEncoder.labels(labels, 32, 32));
        BrodenDataset d = BrodenDataset.open(ds);
        fails(() -> d.read(1), mask.toString(), "index.csv line 3 (row 2", "column 'object'", "pixel (7,5)",
                "label 1234", "c_object.csv");
    }

    @Test
    void maskWithALabelOfAnotherCategory() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Path mask = ds.resolve("images/synthetic/000001_object.png");
        int[] labels = new int[32 * 32];
        Arrays.fill(labels, 9); // black-c: a colour, not an object
        Files.write(mask, PngEncoder.labels(labels, 32, 32));
        fails(() -> BrodenDataset.open(ds).read(1), mask.toString(), "row 2", "label 9");
    }

    @Test
    void missingMaskAndImageFiles() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Path mask = ds.resolve("images/synthetic/000003_texture.png");
        Files.delete(mask);
        BrodenDataset d = BrodenDataset.open(ds);
        fails(() -> d.read(3), "missing mask file " + mask, "index.csv line 5 (row 4", "column 'texture'");
        d.read(3, java.util.List.of("object", "color")); // the other categories still read
        Path image = ds.resolve("images/synthetic/000004.png");
        Files.delete(image);
        fails(() -> d.readImage(4), "missing image " + image, "index.csv line 6 (row 5");
    }

    @Test
    void undecodableMask() throws Exception {
        Path ds = Samples.copyOfSample(dir);
        Path mask = ds.resolve("images/synthetic/000000_color.png");
        Files.writeString(mask, "not a png");
        fails(() -> BrodenDataset.open(ds).read(0), "cannot decode mask " + mask, "row 1");
    }

    @Test
    void notAFolder() {
        fails(() -> BrodenDataset.open(dir.resolve("nothing")), "does not exist");
        fails(() -> BrodenDataset.open(dir), "missing file " + dir.resolve("index.csv"));
    }
}
