package dev.neurolens.graph.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpHistoryTest {
    /**
     * Every new operator version of the default domain from opset 8 to 17, as
     * {@code onnx/defs/operator_sets.h} declares them (index 0 is opset 8).
     */
    private static final String[] CHANGED_AT = {
        "Expand Max Min Sum Mean MaxPool Scan",
        "BatchNormalization Compress ConstantOfShape EyeLike Greater Less Upsample MaxUnpool Constant MatMul OneHot"
            + " PRelu Gemm Flatten Sinh Cosh Asinh Acosh Atanh Shrink IsNaN Sign Scan Erf Scatter Where Cast NonZero"
            + " TfIdfVectorizer MeanVarianceNormalization",
        "StringNormalizer Upsample Resize TopK MaxPool Mod AveragePool Slice ThresholdedRelu Dropout MatMulInteger"
            + " QLinearMatMul ConvInteger QLinearConv QuantizeLinear DequantizeLinear IsInf NonMaxSuppression"
            + " ReverseSequence RoiAlign",
        "Loop CumSum Round BitShift Unique TopK DepthToSpace Equal Constant DynamicQuantizeLinear GatherElements"
            + " ScatterElements Scatter Clip Resize Range Det ScatterND GatherND Gather OneHot Slice Squeeze Unsqueeze"
            + " Flatten ArgMax ArgMin ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin"
            + " ReduceProd ReduceSum ReduceSumSquare Compress Concat Hardmax LogSoftmax Softmax Scan Split AveragePool"
            + " MaxPool MaxUnpool LpPool Conv ConvTranspose SequenceEmpty SequenceConstruct SequenceInsert SequenceAt"
            + " SequenceErase SequenceLength SplitToSequence ConcatFromSequence Pad Gemm If NonMaxSuppression",
        "ArgMax ArgMin Clip Einsum MaxPool ReduceMax ReduceMin GatherND NegativeLogLikelihoodLoss Dropout Constant"
            + " Celu Max Min LessOrEqual GreaterOrEqual SoftmaxCrossEntropyLoss Pow",
        "Constant Greater Less Equal Add Sub Mul Div Softmax LogSoftmax Hardmax Mod Neg Abs Reciprocal Floor Ceil"
            + " Sqrt Relu Exp Log Tanh Pow Sigmoid Max Min Sum Mean Clip Gemm MatMul Expand Sign Erf"
            + " SoftmaxCrossEntropyLoss NegativeLogLikelihoodLoss Dropout Flatten LRN MeanVarianceNormalization"
            + " ReduceMax ReduceMin ReduceSum ReduceSumSquare ReduceMean ReduceProd ReduceLogSum ReduceLogSumExp"
            + " ReduceL1 ReduceL2 ArgMax ArgMin Cast Reshape Shape Size Concat Split Slice Transpose ScatterND"
            + " ScatterElements Gather GatherElements Squeeze Unsqueeze SpaceToDepth DepthToSpace Tile Resize Identity"
            + " IsNaN NonZero GatherND Pad QuantizeLinear DequantizeLinear Loop If",
        "CumSum Relu Reshape GRU LSTM RNN Trilu BatchNormalization HardSwish Add Sub Mul Div Identity",
        "BatchNormalization Bernoulli Pow Optional OptionalHasElement OptionalGetElement CastLike Shape",
        "RoiAlign ScatterND ScatterElements If Loop Identity Where GridSample Scan LessOrEqual GreaterOrEqual"
            + " LeakyRelu PRelu",
        "LayerNormalization SequenceMap DFT HannWindow HammingWindow BlackmanWindow MelWeightMatrix STFT",
    };

    private static Set<String> versions() {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < CHANGED_AT.length; i++) {
            for (String op : CHANGED_AT[i].split(" ")) {
                out.add(op + "@" + (8 + i));
            }
        }
        return out;
    }

    @Test
    void everyRewrittenOrRefusedChangeIsARealOperatorVersion() {
        Set<String> real = versions();
        for (String key : OpHistory.REWRITTEN) {
            assertTrue(real.contains(key), key + " is no operator version of opsets 8 to 17");
        }
        for (String key : OpHistory.REFUSED.keySet()) {
            assertTrue(real.contains(key), key + " is no operator version of opsets 8 to 17");
        }
    }

    @Test
    void theOpsNeuroLensSupportsChangeMeaningOnlyWhereARewriteIsListed() {
        // for the supported ops, every version from 8 to 17 that is not listed must be compatible:
        // this pins the classification, so a new entry in the table above gets a second look
        Map<String, Set<Integer>> compatible = Map.ofEntries(
                Map.entry("Conv", Set.of(11)), Map.entry("Gemm", Set.of(9, 11, 13)), Map.entry("MatMul", Set.of(9, 13)),
                Map.entry("Relu", Set.of(13, 14)), Map.entry("LeakyRelu", Set.of(16)), Map.entry("Clip", Set.of(12, 13)),
                Map.entry("MaxPool", Set.of(8, 10, 11, 12)), Map.entry("AveragePool", Set.of(10, 11)),
                Map.entry("BatchNormalization", Set.of(15)), Map.entry("Add", Set.of(13, 14)),
                Map.entry("Concat", Set.of(11, 13)), Map.entry("Flatten", Set.of(9, 11, 13)),
                Map.entry("Reshape", Set.of(13, 14)), Map.entry("Transpose", Set.of(13)),
                Map.entry("Squeeze", Set.of(11)), Map.entry("Slice", Set.of(11, 13)), Map.entry("Pad", Set.of(13)),
                Map.entry("Dropout", Set.of(13)), Map.entry("Identity", Set.of(13, 14, 16)),
                Map.entry("Softmax", Set.of(11)), Map.entry("Resize", Set.of(10, 13)),
                Map.entry("ReduceMean", Set.of(11, 13)), Map.entry("ReduceSum", Set.of(11)),
                Map.entry("Constant", Set.of(9, 11, 12, 13)), Map.entry("Shape", Set.of(13, 15)),
                Map.entry("Gather", Set.of(11, 13)), Map.entry("Cast", Set.of(9, 13)));
        Set<String> real = versions();
        compatible.forEach((op, vs) -> {
            for (int v = 8; v <= 17; v++) {
                String key = op + "@" + v;
                if (!real.contains(key)) {
                    continue;
                }
                assertEquals(!vs.contains(v), OpHistory.REWRITTEN.contains(key), key);
            }
        });
    }

    @Test
    void decisionsFollowTheModelsOpset() {
        assertTrue(OpHistory.needsRewrite("Softmax", 12, 17));
        assertFalse(OpHistory.needsRewrite("Softmax", 13, 17));
        assertTrue(OpHistory.needsRewrite("BatchNormalization", 13, 17));
        assertFalse(OpHistory.needsRewrite("BatchNormalization", 14, 17));
        assertFalse(OpHistory.needsRewrite("Conv", 7, 17));
        assertTrue(OpHistory.needsRewrite("Upsample", 10, 17), "deprecated: always rewritten");
        assertTrue(OpHistory.refusal("Scan", 8, 17).isPresent());
        assertTrue(OpHistory.refusal("Scan", 9, 17).isEmpty());
        assertFalse(OpHistory.needsRewrite("Erf", 9, 17));
    }
}
