package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Optional;

/**
 * {@code MatMul(x, W) -> Add(b)} with a 2-D {@code x}, a constant float {@code W [K, N]} and a
 * constant float {@code b [N]} or {@code [1, N]} is a fully connected layer: it becomes
 * {@code Gemm(x, W, b)} (Gemm-13, {@code alpha = beta = 1}, no transposes; C broadcasts
 * unidirectionally), named after the MatMul, producing the Add's output.
 */
final class GemmFusion implements Fusion {

    @Override
    public Optional<String> apply(GraphEdit graph, int index, Context context) {
        NodeProto matMul = graph.nodes().get(index);
        if (!matMul.getOpType().equals("MatMul") || !GraphEdit.isDefaultDomain(matMul)
                || context.ranks().getOrDefault(matMul.getInput(0), -1) != 2) {
            return Optional.empty();
        }
        Optional<TensorProto> weights = graph.constant(matMul.getInput(1))
                .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() == 2);
        Optional<NodeProto> add = context.onlyReader(graph, matMul.getOutput(0))
                .filter(n -> n.getOpType().equals("Add") && GraphEdit.isDefaultDomain(n) && n.getInputCount() == 2);
        if (weights.isEmpty() || add.isEmpty()) {
            return Optional.empty();
        }
        String y = matMul.getOutput(0);
        String bias = add.get().getInput(0).equals(y) ? add.get().getInput(1) : add.get().getInput(0);
        long n = weights.get().getDims(1);
        boolean isBias = !bias.equals(y) && graph.constant(bias)
                .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE)
                .filter(t -> t.getDimsCount() == 1 && t.getDims(0) == n
                        || t.getDimsCount() == 2 && t.getDims(0) == 1 && t.getDims(1) == n)
                .isPresent();
        if (!isBias) {
            return Optional.empty();
        }
        NodeProto gemm = NodeProto.newBuilder().setOpType("Gemm").setName(matMul.getName())
                .addAllInput(List.of(matMul.getInput(0), matMul.getInput(1), bias))
                .addOutput(add.get().getOutput(0)).build();
        int addIndex = graph.nodes().indexOf(add.get());
        graph.nodes().set(addIndex, gemm);
        graph.nodes().remove(index);
        graph.edited();
        return Optional.of("MatMul '" + matMul.getName() + "' + Add '" + add.get().getName() + "' -> Gemm '"
                + matMul.getName() + "'");
    }
}
