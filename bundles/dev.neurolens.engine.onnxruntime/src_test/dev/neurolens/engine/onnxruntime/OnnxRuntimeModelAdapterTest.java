package dev.neurolens.engine.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.ExecutionDevice;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter as a DS service, and the errors it gives for files it cannot open. */
class OnnxRuntimeModelAdapterTest {
    private static AdapterServices services;
    private static ModelAdapter adapter;

    @TempDir
    Path tmp;

    @BeforeAll
    static void track() throws Exception {
        services = AdapterServices.track();
        adapter = services.adapter();
    }

    @AfterAll
    static void untrack() {
        services.close();
    }

    @Test
    void registeredByDeclarativeServices() {
        assertInstanceOf(OnnxRuntimeModelAdapter.class, adapter);
        assertEquals("onnxruntime", adapter.id());
        assertEquals("ONNX Runtime 1.21.1 (DJL 0.36.0)", adapter.displayName());
    }

    @Test
    void acceptsOnnxFilesOnly() throws IOException {
        assertTrue(adapter.accepts(TestFiles.resnet20()));
        Path upper = Files.copy(TestFiles.resnet20(), tmp.resolve("MODEL.ONNX"));
        assertTrue(adapter.accepts(upper));
        assertFalse(adapter.accepts(tmp.resolve("missing.onnx")));
        assertFalse(adapter.accepts(Files.createDirectory(tmp.resolve("folder.onnx"))));
        assertFalse(adapter.accepts(TestFiles.chelseaInput()));
    }

    @Test
    void gpuRequestFallsBackToTheCpuAndSaysWhy() {
        // this test runtime has the CPU build's natives only (no GPU feature): a GPU request runs on the CPU
        ModelOptions gpu = new ModelOptions("gpu", 1, java.util.Optional.empty(), java.util.Optional.empty());
        try (var model = adapter.open(TestFiles.resnet20(), gpu)) {
            assertEquals(3, model.predict(dev.neurolens.core.io.Npy.read(TestFiles.chelseaInput())).argMax());
            ExecutionDevice device = model.capability(ExecutionDevice.class).orElseThrow();
            assertTrue(device.fellBack());
            assertEquals("gpu", device.requested());
            assertEquals("cpu", device.used());
            assertEquals("the NeuroLens GPU feature (ONNX Runtime 1.21.0 CUDA build) is not installed;"
                    + " ONNX Runtime 1.21.1 CPU build has no CUDA execution provider", device.note());
        }
    }

    @Test
    void cpuRequestRunsOnTheCpu() {
        try (var model = adapter.open(TestFiles.resnet20(), ModelOptions.defaults())) {
            ExecutionDevice device = model.capability(ExecutionDevice.class).orElseThrow();
            assertFalse(device.fellBack());
            assertEquals("cpu (ONNX Runtime 1.21.1 CPU build)", device.toString());
        }
    }

    @Test
    void missingFile() {
        Path missing = tmp.resolve("missing.onnx");
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> adapter.open(missing, ModelOptions.defaults()));
        assertEquals("model file " + missing + " not found", e.getMessage());
    }

    @Test
    void textFile() throws IOException {
        Path text = Files.writeString(tmp.resolve("readme.onnx"), "# not a model\njust text\n");
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> adapter.open(text, ModelOptions.defaults()));
        assertTrue(e.getMessage().startsWith(text + " is not an ONNX model ("), e.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(TestFiles.resnet20());
        Path cut = Files.write(tmp.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> adapter.open(cut, ModelOptions.defaults()));
        assertTrue(e.getMessage().startsWith(cut + " is truncated or corrupt ("), e.getMessage());
    }
}
