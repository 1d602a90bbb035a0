package dev.neurolens.engine.tensorflow.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.tensorflow.internal.SavedModelImport;
import dev.neurolens.engine.tensorflow.internal.TfRuntime;
import dev.neurolens.graph.reference.DoubleTensor;
import dev.neurolens.graph.reference.ReferenceEvaluator;
import dev.neurolens.testing.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The importer on its own: the imported ONNX graphs, run by NeuroLens' plain-Java reference
 * evaluator (no engine), reproduce the logits TensorFlow computed; unsupported ops are named; the
 * layout arithmetic has known answers. (Tests may not name TensorFlow's own classes: Tycho's test
 * fragment would have to import the packages this bundle embeds.)
 */
class ImporterTest {
    private static Path cache;

    @BeforeAll
    static void natives() {
        cache = Path.of(System.getProperty("neurolens.cache", "target/neurolens-cache"));
        TfRuntime.start(cache);
    }

    @Test
    void samePaddingPutsTheOddPixelAtTheEnd() {
        assertArrayEquals(new long[] {0, 1}, NnOps.same(16, 3, 2, 1));
        assertArrayEquals(new long[] {1, 1}, NnOps.same(32, 3, 1, 1));
        assertArrayEquals(new long[] {0, 1}, NnOps.same(5, 2, 1, 1));
        assertArrayEquals(new long[] {2, 2}, NnOps.same(8, 3, 1, 2));
        assertArrayEquals(new long[] {1, 2}, NnOps.same(6, 5, 2, 1));
        assertArrayEquals(new long[] {2, 2}, NnOps.same(7, 5, 2, 1));
    }

    @Test
    void transposeMovesValues() {
        float[] hwc = {1, 2, 3, 4, 5, 6}; // [1, 2, 3] -> [3, 1, 2]
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Layout.transpose(hwc, new long[] {1, 2, 3},
                new long[] {2, 0, 1}));
        assertEquals(1, Layout.physicalAxis(3));
        assertEquals(2, Layout.physicalAxis(-3));
    }

    @Test
    void importedGraphsComputeTensorFlowsLogitsOnTheReferenceEvaluator() {
        for (String name : List.of("tf_residual", "tf_flatten")) {
            SavedModelImport imported = SavedModelImport.run(Engine.models().resolve("tf").resolve(name),
                    Optional.empty(), cache);
            Tensor x = Npy.read(Engine.models().resolve("tf").resolve(name + ".input.npy"));
            Tensor expected = Npy.read(Engine.models().resolve("tf").resolve(name + ".logits.npy"));
            Map<String, DoubleTensor> out = new ReferenceEvaluator().evaluate(imported.onnx(),
                    Map.of("image", DoubleTensor.ofFloats(x.data(), x.shape())));
            float[] actual = out.get("output_0").toFloats();
            assertEquals(expected.size(), actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected.get(i), actual[i], 1e-5, name + " logit " + i);
            }
            assertTrue(imported.origins().values().contains(new TfTensorRef(name + "_1/conv1_1/convolution", true))
                    || imported.origins().values().stream().anyMatch(r -> r.nchw()), imported.origins().toString());
        }
    }

    @Test
    void unsupportedOpIsNamedWithItsNode() {
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> SavedModelImport.run(
                Engine.models().resolve("tf").resolve("tf_gelu"), Optional.empty(), cache));
        // Keras' exact GELU is 0.5 x erfc(-x / sqrt 2)
        assertTrue(e.getMessage().contains("TensorFlow op Erfc (node functional_1/gelu_1/Gelu/Erfc) cannot be"
                + " imported: the op is not supported (supported: Add, AddV2, AvgPool, "), e.getMessage());
        assertTrue(e.getMessage().startsWith(Engine.models().resolve("tf").resolve("tf_gelu") + ": "), e.getMessage());
    }
}
