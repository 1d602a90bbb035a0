package dev.neurolens.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelReaderTest {
    @TempDir
    Path tmp;

    @Test
    void missingFile() {
        Path missing = tmp.resolve("nope.onnx");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(missing));
        assertEquals("model file " + missing + " not found", e.getMessage());
    }

    @Test
    void textFileIsNotAModel() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "This is a text file, not a model.\nSecond line.\n");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(text));
        assertTrue(e.getMessage().startsWith(text + " is not an ONNX model ("), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void emptyFileIsNotAModel() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(empty));
        assertEquals(empty + " is not an ONNX model (the file is empty)", e.getMessage());
    }

    @Test
    void truncatedModelIsCorrupt() throws IOException {
        byte[] bytes = Files.readAllBytes(TestModels.resnet20());
        for (int length : new int[] {bytes.length / 2, bytes.length - 7, 100}) {
            Path cut = Files.write(tmp.resolve("cut" + length + ".onnx"), Arrays.copyOf(bytes, length));
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(cut));
            assertTrue(e.getMessage().startsWith(cut + " is truncated or corrupt ("), e.getMessage());
        }
    }

    @Test
    void garbageThatParsesIsStillRefused() throws IOException {
        // field 2 (producer_name) = "x": a valid protobuf message with no IR version and no graph
        Path odd = Files.write(tmp.resolve("odd.onnx"), new byte[] {0x12, 0x01, 'x'});
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(odd));
        assertEquals(odd + " is not an ONNX model (no IR version)", e.getMessage());
    }

    @Test
    void folderIsRefused() {
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OnnxModelReader.read(tmp));
        assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
    }
}
