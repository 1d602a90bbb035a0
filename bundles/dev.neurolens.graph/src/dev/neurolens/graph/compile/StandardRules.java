package dev.neurolens.graph.compile;

import java.util.HashMap;
import java.util.Map;

/** The vector-Jacobian product of every op NeuroLens differentiates, by ONNX op type. */
public final class StandardRules {
    private StandardRules() {
    }

    /** The standard rules by op type. */
    public static Map<String, BackwardRule> all() {
        Map<String, BackwardRule> m = new HashMap<>();
        BackwardRule pass = new ElementwiseRules.PassThrough();
        m.put("Identity", pass);
        m.put("Dropout", pass);
        m.put("Cast", pass);
        m.put("Relu", new ElementwiseRules.Relu());
        m.put("LeakyRelu", new ElementwiseRules.LeakyRelu());
        m.put("Clip", new ElementwiseRules.Clip());
        m.put("Sigmoid", new ElementwiseRules.Sigmoid());
        m.put("Tanh", new ElementwiseRules.Tanh());
        m.put("HardSigmoid", new ElementwiseRules.HardSigmoid());
        m.put("HardSwish", new ElementwiseRules.HardSwish());
        m.put("Softmax", new ElementwiseRules.Softmax());
        m.put("Add", new ElementwiseRules.Add());
        m.put("Sum", new ElementwiseRules.Add());
        m.put("Sub", new ElementwiseRules.Sub());
        m.put("Mul", new ElementwiseRules.Mul());
        m.put("Div", new ElementwiseRules.Div());
        m.put("Gemm", new LinearRules.Gemm());
        m.put("MatMul", new LinearRules.MatMul());
        m.put("Conv", new LinearRules.Conv());
        m.put("BatchNormalization", new LinearRules.BatchNormalization());
        m.put("MaxPool", new PoolingRules.MaxPool());
        m.put("AveragePool", new PoolingRules.AveragePool());
        m.put("GlobalAveragePool", new PoolingRules.GlobalAveragePool());
        m.put("ReduceMean", new PoolingRules.ReduceMean());
        BackwardRule reshape = new ShapeRules.Reshape();
        m.put("Reshape", reshape);
        m.put("Flatten", reshape);
        m.put("Squeeze", reshape);
        m.put("Unsqueeze", reshape);
        m.put("Transpose", new ShapeRules.Transpose());
        m.put("Concat", new ShapeRules.Concat());
        m.put("Slice", new ShapeRules.Slice());
        m.put("Pad", new ShapeRules.Pad());
        m.put("Resize", new ResizeRule());
        return m;
    }
}
