package dev.neurolens.engine.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ResNet-20 on CIFAR-10, opened once through the DS-registered adapter. */
class OnnxRuntimeModelTest {
    private static final String LAST_BLOCK = "/layer3/layer3.2/Relu_1_output_0";
    private static final String LAST_BLOCK_NODE = "/layer3/layer3.2/Relu_1";

    private static AdapterServices services;
    private static LoadedModel model;
    private static Tensor chelsea;

    @BeforeAll
    static void open() throws Exception {
        services = AdapterServices.track();
        long start = System.nanoTime();
        model = services.adapter().open(TestFiles.resnet20(), ModelOptions.defaults().withThreads(2));
        long opened = System.nanoTime();
        chelsea = Npy.read(TestFiles.chelseaInput());
        model.predict(chelsea);
        long predicted = System.nanoTime();
        System.out.printf("OPEN: %.0f ms (the first in a JVM also installs natives and starts DJL), first predict %.0f ms%n",
                (opened - start) / 1e6, (predicted - opened) / 1e6);
    }

    @AfterAll
    static void close() {
        model.close();
        services.close();
    }

    @Test
    void predictsTheReferenceLogits() {
        Tensor expected = Npy.read(TestFiles.chelseaLogits());
        Tensor logits = model.predict(chelsea);
        assertArrayEquals(expected.shape(), logits.shape());
        double maxAbs = 0;
        double maxRel = 0;
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
        }
        for (int i = 0; i < expected.size(); i++) {
            double diff = Math.abs(logits.get(i) - expected.get(i));
            maxAbs = Math.max(maxAbs, diff);
            maxRel = Math.max(maxRel, diff / Math.max(Math.abs(expected.get(i)), 1e-6));
        }
        System.out.printf("LOGITS: max abs error %.3g, max error relative to the largest logit %.3g,"
                + " max elementwise relative error %.3g%n", maxAbs, maxAbs / scale, maxRel);
        assertTrue(maxAbs / scale <= 1e-4, "max error " + maxAbs + " relative to " + scale);
        assertEquals(3, logits.argMax(), "chelsea is a cat");
        assertEquals("cat", model.info().preprocessing().label(logits.argMax()).orElseThrow());
    }

    @Test
    void runReturnsTheSameLogitsAsPredict() {
        Tensor viaRun = model.run(chelsea, List.of("logits"), Progress.NONE).get("logits");
        assertArrayEquals(model.predict(chelsea).data(), viaRun.data(), 1e-6f);
    }

    /**
     * A batch of 9 on 2 threads runs as parts of 4 and 5 rows side by side: predict and run give, row
     * for row and in order, what each image gives alone (a batch of 1 runs whole, through DJL).
     */
    @Test
    void aBatchRunInPartsGivesEachRowsOwnOutputsInOrder() {
        java.util.Random r = new java.util.Random(3);
        float[] v = new float[9 * chelsea.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = chelsea.get(i % chelsea.size()) + (float) (0.5 * r.nextGaussian());
        }
        Tensor batch = Tensor.wrap(v, 9, 3, 32, 32);
        Tensor predicted = model.predict(batch);
        Map<String, Tensor> fetched = model.run(batch, List.of("logits", LAST_BLOCK), Progress.NONE);
        assertArrayEquals(new int[] {9, 10}, predicted.shape());
        assertArrayEquals(new int[] {9, 64, 8, 8}, fetched.get(LAST_BLOCK).shape());
        for (int row = 0; row < 9; row++) {
            Tensor one = batch.slice(row).reshape(1, 3, 32, 32);
            Map<String, Tensor> alone = model.run(one, List.of(LAST_BLOCK), Progress.NONE);
            float[] logits = model.predict(one).data();
            for (int k = 0; k < 10; k++) {
                assertEquals(logits[k], predicted.at(row, k), 1e-4f, "predict, row " + row);
                assertEquals(logits[k], fetched.get("logits").at(row, k), 1e-4f, "run, row " + row);
            }
            float[] block = alone.get(LAST_BLOCK).data();
            int per = block.length;
            for (int j = 0; j < per; j++) {
                assertEquals(block[j], fetched.get(LAST_BLOCK).get(row * per + j), 1e-4f, "activation, row " + row);
            }
        }
    }

    @Test
    void fetchesAnIntermediateTensorByTensorOrNodeName() {
        Tensor batch = Tensor.stack(List.of(chelsea.slice(0), chelsea.slice(0)));
        Map<String, Tensor> out = model.run(batch, List.of(LAST_BLOCK_NODE, "logits", LAST_BLOCK), Progress.NONE);
        assertEquals(List.of(LAST_BLOCK_NODE, "logits", LAST_BLOCK), List.copyOf(out.keySet()));
        assertArrayEquals(new int[] {2, 64, 8, 8}, out.get(LAST_BLOCK).shape());
        assertEquals(out.get(LAST_BLOCK), out.get(LAST_BLOCK_NODE));
        assertArrayEquals(new int[] {2, 10}, out.get("logits").shape());
        // GlobalAveragePool + Gemm of the fetched activations would give the logits; at least check it is a ReLU output
        for (float v : out.get(LAST_BLOCK).data()) {
            assertTrue(v >= 0);
        }
    }

    @Test
    void infoDescribesTheModelAndItsLayerShapes() {
        ModelInfo info = model.info();
        assertEquals("onnx", info.format());
        assertEquals(13, info.opsetVersion());
        assertEquals(269_078, info.parameterCount());
        assertEquals("[batch, 3, 32, 32]", info.imageInput().shapeString());
        assertEquals(32, info.preprocessing().width());
        assertEquals(10, info.preprocessing().labels().size(), "labels from the sidecar");
        assertEquals("[batch, 16, 32, 32]", shape(info, "/Relu"));
        assertEquals("[batch, 64, 8, 8]", shape(info, LAST_BLOCK_NODE));
        assertEquals("[batch, 64, 1, 1]", shape(info, "/GlobalAveragePool"));
        assertEquals("[batch, 10]", shape(info, "/linear/Gemm"));
        LayerInfo pad = info.layers().stream().filter(l -> l.opType().equals("Pad")).findFirst().orElseThrow();
        assertEquals("[batch, 32, 16, 16]", pad.outputs().get(0).shapeString(), "shapes computed at run time too");
        long unknown = info.layers().stream().flatMap(l -> l.outputs().stream()).filter(t -> !t.shapeKnown()
                && !t.elementType().equals("int64")).count();
        assertEquals(0, unknown, "every float layer output has a shape");
    }

    @Test
    void wrongInputShape() {
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> model.predict(Tensor.zeros(1, 3, 64, 64)));
        assertEquals("input shape [1, 3, 64, 64] does not fit model input 'input' [batch, 3, 32, 32]", e.getMessage());
        assertThrows(NeuroLensException.class, () -> model.run(Tensor.zeros(3, 32, 32), List.of("logits"),
                Progress.NONE));
    }

    @Test
    void nanInput() {
        float[] values = chelsea.data();
        values[17] = Float.NaN;
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> model.predict(Tensor.wrap(values, chelsea.shape())));
        assertEquals("input holds NaN or infinite values (first at flat index 17)", e.getMessage());
    }

    @Test
    void unknownNamesAreListedWithAHint() {
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> model.run(chelsea, List.of("logits", "conv99", "nope"), Progress.NONE));
        assertTrue(e.getMessage().startsWith("unknown tensor or layer names conv99, nope in "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; run 'neurolens info' to see tensor names"), e.getMessage());
    }

    @Test
    void cancelledBeforeTheRun() {
        Progress cancelled = progress(() -> true);
        assertThrows(CancelledException.class, () -> model.run(chelsea, List.of(LAST_BLOCK), cancelled));
    }

    @Test
    void cancelledWhileRunning() {
        // not cancelled when the run starts; cancelled at the watcher's first poll (or, if the run is
        // faster than that, when the run returns): either way nothing comes back
        AtomicInteger polls = new AtomicInteger();
        Progress cancelsSoon = progress(() -> polls.incrementAndGet() > 1);
        Tensor big = Tensor.zeros(64, 3, 32, 32);
        assertThrows(CancelledException.class, () -> model.run(big, List.of("logits"), cancelsSoon));
        // the model stays usable
        assertEquals(3, model.predict(chelsea).argMax());
    }

    @Test
    void nativesAreCachedPerMachine() {
        Path natives = Path.of(System.getProperty("onnxruntime.native.path"));
        assertTrue(natives.endsWith(Path.of("natives", "onnxruntime-1.21.1", "linux-x64")), natives.toString());
        assertTrue(Files.isRegularFile(natives.resolve("libonnxruntime.so")));
        assertTrue(Files.isRegularFile(natives.resolve("libonnxruntime4j_jni.so")));
    }

    @Test
    void closeIsIdempotent() throws Exception {
        LoadedModel second = services.adapter().open(TestFiles.resnet20(), ModelOptions.defaults().withThreads(1));
        second.run(chelsea, List.of(LAST_BLOCK), Progress.NONE);
        second.close();
        second.close();
        assertThrows(IllegalStateException.class, () -> second.predict(chelsea));
    }

    private static String shape(ModelInfo info, String layer) {
        List<TensorInfo> outputs = info.layer(layer).orElseThrow().outputs();
        return outputs.get(0).shapeString();
    }

    private static Progress progress(java.util.function.BooleanSupplier cancelled) {
        return new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return cancelled.getAsBoolean(); }
        };
    }
}
