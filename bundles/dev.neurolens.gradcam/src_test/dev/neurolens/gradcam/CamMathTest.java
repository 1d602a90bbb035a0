package dev.neurolens.gradcam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CAM combination, upsampling and the default layer, against hand-computed values. */
class CamMathTest {

    /** Two channels of 2x2: activations and gradients chosen so that the sums are easy. */
    private static final Tensor A = Tensor.wrap(new float[] {1, 2, 3, 4, 4, 0, 0, 4}, 2, 2, 2);
    private static final Tensor G = Tensor.wrap(new float[] {1, 1, 1, 1, -2, 0, 0, -2}, 2, 2, 2);

    @Test
    void gradCamWeightsChannelsByTheirMeanGradientAndRectifies() {
        // α = (1, -1): map = A0 - A1 = (-3, 2, 3, 0) -> ReLU -> (0, 2, 3, 0)
        assertArrayEquals(new float[] {0, 2, 3, 0}, CamMath.gradCam(A, G).data());
        assertArrayEquals(new int[] {2, 2}, CamMath.gradCam(A, G).shape());
    }

    @Test
    void gradCamPlusPlusUsesTheClosedFormCoefficients() {
        // channel 0: ΣA = 10, g = 1: a = 1 / (2 + 10 + eps) at each of 4 positions, w0 = 4a
        // channel 1: g ∈ {-2, 0}: relu(g) = 0, so w1 = 0
        double a = 1 / (2 + 10 + CamMath.PLUS_PLUS_EPS);
        float[] expected = new float[4];
        for (int p = 0; p < 4; p++) {
            expected[p] = (float) (4 * a * A.get(p));
        }
        assertArrayEquals(expected, CamMath.gradCamPlusPlus(A, G).data(), 1e-7f);
    }

    @Test
    void bilinearUpsamplingMatchesPyTorchWithoutAlignedCorners() {
        // F.interpolate(torch.tensor([[[[0.,1.],[2.,3.]]]]), size=(4,4), mode='bilinear', align_corners=False)
        Tensor m = Tensor.wrap(new float[] {0, 1, 2, 3}, 2, 2);
        float[] expected = {
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f};
        assertArrayEquals(expected, Upsampling.BILINEAR.resize(m, 4, 4).data(), 1e-6f);
        // 2 -> 3: source coordinates 0, 0.8333 - 0.5... = (i+0.5)*2/3-0.5 = -1/6 (clamped 0), 0.5, 7/6
        Tensor row = Tensor.wrap(new float[] {0, 6}, 1, 2);
        assertArrayEquals(new float[] {0, 3, 6}, Upsampling.BILINEAR.resize(row, 1, 3).data(), 1e-6f);
        assertEquals(0.0, Upsampling.source(0, 2, 3), 0);
    }

    @Test
    void nearestUpsamplingRepeatsBlocks() {
        Tensor m = Tensor.wrap(new float[] {0, 1, 2, 3}, 2, 2);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3},
                Upsampling.NEAREST.resize(m, 4, 4).data());
    }

    @Test
    void guidedGradCamBroadcastsTheCamOverChannels() {
        Tensor guided = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Tensor cam = Tensor.wrap(new float[] {0, 1, 2, 3}, 2, 2);
        assertArrayEquals(new float[] {0, 2, 6, 12, 0, 6, 14, 24}, GuidedGradCam.times(guided, cam, true).data());
        Tensor hwc = Tensor.wrap(new float[] {1, 5, 2, 6, 3, 7, 4, 8}, 2, 2, 2);
        assertArrayEquals(new float[] {0, 0, 2, 6, 6, 14, 12, 24}, GuidedGradCam.times(hwc, cam, false).data());
    }

    private static TensorInfo t(String name, long... dims) {
        return TensorInfo.of(name, "float", java.util.Arrays.stream(dims).boxed().toList());
    }

    private static LayerInfo layer(String name, String op, String input, TensorInfo out) {
        return new LayerInfo(name, op, List.of(input), List.of(out), Map.of(), 0);
    }

    private static ModelInfo info(List<LayerInfo> layers) {
        return new ModelInfo(Path.of("m.onnx"), "onnx", "test", "", 17, List.of(t("x", -1, 3, 32, 32)),
                List.of(t("logits", -1, 10)), layers, 0, Preprocessing.plain(32, 32));
    }

    @Test
    void defaultLayerIsTheLastSpatialTensorBeforeThePooling() {
        // conv -> relu -> squeeze-excitation style pool inside the net -> conv -> relu -> gap -> flatten -> gemm
        ModelInfo info = info(List.of(
                layer("conv1", "Conv", "x", t("c1", -1, 8, 16, 16)),
                layer("relu1", "Relu", "c1", t("r1", -1, 8, 16, 16)),
                layer("se_pool", "GlobalAveragePool", "r1", t("s", -1, 8, 1, 1)),
                layer("conv2", "Conv", "r1", t("c2", -1, 16, 8, 8)),
                layer("relu2", "Relu", "c2", t("r2", -1, 16, 8, 8)),
                layer("gap", "GlobalAveragePool", "r2", t("g", -1, 16, 1, 1)),
                layer("flat", "Flatten", "g", t("f", -1, 16)),
                layer("fc", "Gemm", "f", t("logits", -1, 10))));
        assertEquals(Optional.of("r2"), LayerChoice.defaultLayer(info));
        assertEquals("r2", LayerChoice.resolve(info, Optional.empty()));
        assertEquals("c2", LayerChoice.resolve(info, Optional.of("conv2")), "a node name means its output");
        assertEquals("r1", LayerChoice.resolve(info, Optional.of("r1")));
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> LayerChoice.resolve(info, Optional.of("layer9")));
        assertTrue(e.getMessage().contains("layer 'layer9' is not in the model"), e.getMessage());
        NeuroLensException flat = assertThrows(NeuroLensException.class,
                () -> LayerChoice.resolve(info, Optional.of("flat")));
        assertTrue(flat.getMessage().contains("4-D"), flat.getMessage());
    }

    @Test
    void defaultLayerOfAFlatteningHeadIsTheFlattenedTensor() {
        ModelInfo info = info(List.of(
                layer("conv1", "Conv", "x", t("c1", -1, 8, 7, 7)),
                layer("flat", "Flatten", "c1", t("f", -1, 392)),
                layer("fc", "Gemm", "f", t("logits", -1, 10))));
        assertEquals(Optional.of("c1"), LayerChoice.defaultLayer(info));
    }
}
