package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.graph.OnnxModelReader;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-initializing layers of the bundled shape models (no engine needed). */
class ParameterRandomizerTest {

    private static Map<String, float[]> weights(ModelProto m) {
        Map<String, float[]> out = new HashMap<>();
        for (TensorProto t : m.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
                float[] v;
                if (t.getRawData().isEmpty()) {
                    v = new float[t.getFloatDataCount()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = t.getFloatData(i);
                    }
                } else {
                    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    v = new float[b.remaining() / 4];
                    b.asFloatBuffer().get(v);
                }
                out.put(t.getName(), v);
            }
        }
        return out;
    }

    @Test
    void vggLayersAreItsSevenConvolutionsAndTheClassifierInGraphOrder() {
        ModelProto vgg = OnnxModelReader.read(Services.model("shapes_vgg.onnx"));
        List<ParametrizedLayer> layers = new ParameterRandomizer(vgg, "vgg").layers();
        assertEquals(8, layers.size(), layers.toString());
        assertEquals(List.of("Conv", "Conv", "Conv", "Conv", "Conv", "Conv", "Conv", "Gemm"),
                layers.stream().map(ParametrizedLayer::op).toList());
        for (int i = 1; i < layers.size(); i++) {
            assertTrue(layers.get(i).position() > layers.get(i - 1).position());
        }
    }

    @Test
    void onlyTheChosenLayerChangesWithHeStatisticsAndTheSameSeedGivesTheSameWeights() throws Exception {
        ModelProto vgg = OnnxModelReader.read(Services.model("shapes_vgg.onnx"));
        ParameterRandomizer r = new ParameterRandomizer(vgg, "vgg");
        ParametrizedLayer first = r.layers().get(0); // Conv 3 -> 16, 3x3: fan-in 27
        byte[] bytes = r.randomize(List.of(first), 7);
        ModelProto changed = OnnxModelReader.parse(bytes, "randomized");
        Map<String, float[]> before = weights(vgg);
        Map<String, float[]> after = weights(changed);
        for (String name : before.keySet()) {
            if (first.parameters().contains(name)) {
                assertNotEquals(before.get(name)[0], after.get(name)[0], name);
            } else {
                assertTrue(java.util.Arrays.equals(before.get(name), after.get(name)), name + " must not change");
            }
        }
        float[] w = after.get(first.parameters().get(0));
        assertEquals(16 * 27, w.length);
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        double std = Math.sqrt(sq / w.length);
        assertEquals(Math.sqrt(2.0 / 27), std, 0.1 * Math.sqrt(2.0 / 27), "He initialization: std sqrt(2/27)");
        float[] bias = after.get(first.parameters().get(1));
        for (float b : bias) {
            assertTrue(Math.abs(b) <= 1 / Math.sqrt(27), "bias within +-1/sqrt(fan-in)");
        }
        assertTrue(java.util.Arrays.equals(bytes, r.randomize(List.of(first), 7)), "seeded");
        // in a cascade the layer draws the same weights as alone
        ModelProto both = OnnxModelReader.parse(r.randomize(List.of(r.layers().get(1), first), 7), "both");
        assertTrue(java.util.Arrays.equals(w, weights(both).get(first.parameters().get(0))));
    }

    @Test
    void batchNormalizationIsResetToTheIdentityStatistics() {
        ModelProto resnet = OnnxModelReader.read(Services.model("shapes_resnet.onnx"));
        ParameterRandomizer r = new ParameterRandomizer(resnet, "resnet");
        ParametrizedLayer bn = r.layers().stream().filter(l -> l.op().equals("BatchNormalization")).findFirst()
                .orElseThrow();
        assertEquals(4, bn.parameters().size(), "scale, bias, mean, variance");
        Map<String, float[]> after = weights(OnnxModelReader.parse(r.randomize(List.of(bn), 1), "bn"));
        float[] expected = {1, 0, 0, 1};
        for (int k = 0; k < 4; k++) {
            for (float v : after.get(bn.parameters().get(k))) {
                assertEquals(expected[k], v, 0f, bn.parameters().get(k));
            }
        }
        assertTrue(r.layers().stream().filter(l -> l.op().equals("Conv")).count() >= 13);
        assertEquals("Gemm", r.layers().get(r.layers().size() - 1).op());
    }
}
