package dev.neurolens.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.GraphRunner;
import dev.neurolens.testing.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening SavedModels: predictions, the imported graph, info, and the errors users can cause. */
class TensorFlowModelAdapterTest {
    private static Engine engine;
    private static ModelAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        engine = Engine.start(Set.of("dev.neurolens.engine.tensorflow"));
        adapter = engine.adapter(TensorFlowModelAdapter.ID);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static LoadedModel open(Path folder, ModelOptions options) {
        return adapter.open(folder, options.withThreads(2));
    }

    @Test
    void acceptsSavedModelFoldersOnly(@TempDir Path tmp) throws IOException {
        assertTrue(adapter.accepts(Fixtures.savedModel(Fixtures.RESIDUAL)));
        // the graph file stands for its folder (what Eclipse users right-click)
        assertTrue(adapter.accepts(Fixtures.savedModel(Fixtures.RESIDUAL).resolve("saved_model.pb")));
        assertFalse(adapter.accepts(Fixtures.savedModel(Fixtures.RESIDUAL).resolve("neurolens.properties")));
        assertFalse(adapter.accepts(Fixtures.twin(Fixtures.RESIDUAL)));
        assertFalse(adapter.accepts(tmp));
        assertFalse(adapter.accepts(tmp.resolve("missing")));
    }

    @Test
    void predictionsAreTheSavedModelsAndTheImportedGraphAgrees() {
        for (String name : List.of(Fixtures.RESIDUAL, Fixtures.FLATTEN)) {
            try (LoadedModel m = open(Fixtures.savedModel(name), ModelOptions.defaults())) {
                Tensor x = Fixtures.input(name);
                Tensor expected = Fixtures.logits(name);
                Tensor predicted = m.predict(x);
                assertArrayEquals(expected.shape(), predicted.shape());
                assertTrue(Fixtures.relativeError(predicted, expected) < 1e-5, name + " predict");
                String out = m.info().outputs().get(0).name();
                Tensor imported = m.run(x, List.of(out), Progress.NONE).get(out);
                double err = Fixtures.relativeError(imported, expected);
                assertTrue(err < 1e-5, name + " imported graph differs by " + err);
                assertTrue(m.capability(GraphRunner.class).isPresent());
            }
        }
    }

    @Test
    void infoDescribesTheSavedModel() {
        Path folder = Fixtures.savedModel(Fixtures.RESIDUAL);
        try (LoadedModel m = open(folder, ModelOptions.defaults())) {
            ModelInfo info = m.info();
            assertEquals(folder, info.source());
            assertEquals("tensorflow-savedmodel", info.format());
            assertTrue(info.engine().startsWith("TensorFlow"), info.engine());
            assertTrue(info.producer().startsWith("TensorFlow 2."), info.producer());
            assertEquals("image", info.imageInput().name());
            assertEquals(List.of(-1L, 32L, 32L, 3L), info.imageInput().dims());
            assertEquals(List.of(-1L, 10L), info.outputs().get(0).dims());
            assertEquals(Preprocessing.Layout.NHWC, info.preprocessing().layout());
            assertEquals("class3", info.preprocessing().labels().get(3));
            // the Keras layers by their TensorFlow node names, as ONNX ops
            assertTrue(info.layer("tf_residual_1/conv1_1/convolution").isPresent());
            assertEquals("Conv", info.layer("tf_residual_1/dwconv_1/depthwise").get().opType());
            assertEquals("Clip", info.layer("tf_residual_1/relu6_1/Relu6").get().opType());
            // conv (3x3x3x8, no bias) + 2 conv with bias + depthwise + dense + BN: every weight counted once
            long weights = 3 * 3 * 3 * 8 + (3 * 3 * 8 * 8 + 8) + (3 * 3 * 8 + 8) + (3 * 3 * 8 * 16 + 16) + (16 * 10 + 10);
            assertTrue(info.parameterCount() >= weights, "parameters " + info.parameterCount());
        }
    }

    @Test
    void intermediateTensorsByLayerName() {
        try (LoadedModel m = open(Fixtures.savedModel(Fixtures.RESIDUAL), ModelOptions.defaults())) {
            Tensor x = Fixtures.input(Fixtures.RESIDUAL);
            Tensor relu = m.run(x, List.of("tf_residual_1/relu3_1/Relu"), Progress.NONE)
                    .get("tf_residual_1/relu3_1/Relu");
            assertEquals(4, relu.rank());
            for (int i = 0; i < relu.size(); i++) {
                assertTrue(relu.get(i) >= 0);
            }
        }
    }

    @Test
    void namedSignature() {
        try (LoadedModel m = open(Fixtures.savedModel(Fixtures.RESIDUAL),
                new ModelOptions("cpu", 2, Optional.empty(), Optional.of("serve")))) {
            assertTrue(Fixtures.relativeError(m.predict(Fixtures.input(Fixtures.RESIDUAL)),
                    Fixtures.logits(Fixtures.RESIDUAL)) < 1e-5);
            assertTrue(m.info().engine().contains("signature serve"), m.info().engine());
        }
    }

    @Test
    void unknownSignatureNamesTheAvailableOnes() {
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> open(Fixtures.savedModel(Fixtures.RESIDUAL),
                new ModelOptions("cpu", 2, Optional.empty(), Optional.of("predict"))));
        assertTrue(e.getMessage().contains("no signature 'predict'"), e.getMessage());
        assertTrue(e.getMessage().contains("serve, serving_default"), e.getMessage());
    }

    @Test
    void missingOrIncompleteFolders(@TempDir Path tmp) throws IOException {
        NeuroLensException missing = assertThrows(NeuroLensException.class,
                () -> open(tmp.resolve("nothing"), ModelOptions.defaults()));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertTrue(assertThrows(NeuroLensException.class, () -> open(file, ModelOptions.defaults())).getMessage()
                .contains("is not a folder"));

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertTrue(assertThrows(NeuroLensException.class, () -> open(empty, ModelOptions.defaults())).getMessage()
                .contains("has no saved_model.pb"));

        Path noVars = Files.createDirectory(tmp.resolve("novars"));
        Files.copy(Fixtures.savedModel(Fixtures.RESIDUAL).resolve("saved_model.pb"), noVars.resolve("saved_model.pb"));
        assertTrue(assertThrows(NeuroLensException.class, () -> open(noVars, ModelOptions.defaults())).getMessage()
                .contains("has no variables/"));
    }

    @Test
    void corruptGraphFile(@TempDir Path tmp) throws IOException {
        Path broken = Files.createDirectories(tmp.resolve("broken").resolve("variables")).getParent();
        Files.write(broken.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> open(broken, ModelOptions.defaults()));
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("TensorFlow cannot load the SavedModel"), e.getMessage());
    }

    @Test
    void badBatchesAreRefusedBeforeTensorFlowSeesThem() {
        try (LoadedModel m = open(Fixtures.savedModel(Fixtures.RESIDUAL), ModelOptions.defaults())) {
            NeuroLensException shape = assertThrows(NeuroLensException.class,
                    () -> m.predict(Tensor.zeros(1, 3, 32, 32)));
            assertTrue(shape.getMessage().contains("does not fit"), shape.getMessage());
            float[] nan = new float[32 * 32 * 3];
            nan[5] = Float.NaN;
            assertTrue(assertThrows(NeuroLensException.class, () -> m.predict(Tensor.wrap(nan, 1, 32, 32, 3)))
                    .getMessage().contains("NaN"));
        }
    }
}
