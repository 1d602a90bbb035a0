package dev.neurolens.graph.normalize;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes batch sizes that exporters bake into models, so that explanations can batch images (and
 * integration steps, samples, windows) freely.
 *
 * <ul>
 *   <li>A Reshape whose constant shape starts with the export's batch size (1, or the fixed batch
 *       the model records) on batch-leading data gets {@code -1} there (no other {@code -1}) or
 *       {@code 0}, "copy the input's dimension" (Reshape-5 semantics, {@code allowzero=0}): e.g.
 *       {@code view(1, -1)} exported as {@code Reshape(x, [1, -1])} becomes {@code [0, -1]}.
 *   <li>An image input with a fixed batch size 1 becomes symbolic ({@value #BATCH}) when every node
 *       is batch-agnostic ({@link BatchFlow}), with the batch axis of the outputs and recorded
 *       value_info.
 * </ul>
 *
 * A model whose input has a fixed batch size above 1 is left as it is; so is a batch-1 model with
 * a node that is not batch-agnostic (it keeps working at batch 1).
 */
public final class BatchSizeRewrite {
    /** The name given to a batch dimension made symbolic. */
    public static final String BATCH = "batch";

    private BatchSizeRewrite() {
    }

    /**
     * The model with baked batch sizes rewritten to a dynamic batch.
     *
     * @throws NeuroLensException if the image input's batch is symbolic and a Reshape constant
     *     leads with the export's batch size on data whose batch axis is unknown (the message names
     *     the node and the constant)
     */
    public static Normalized rewrite(ModelProto model) {
        GraphEdit graph = new GraphEdit(model.getGraph());
        Optional<ValueInfoProto> image = imageInput(graph);
        if (image.isEmpty()) {
            return Normalized.unchanged(model);
        }
        TensorShapeProto shape = image.get().getType().getTensorType().getShape();
        TensorShapeProto.Dimension batch = shape.getDim(0);
        boolean symbolic = !batch.hasDimValue();
        if (!symbolic && batch.getDimValue() != 1) {
            return Normalized.unchanged(model);
        }
        Set<Long> exportBatches = new LinkedHashSet<>(List.of(1L));
        if (symbolic) {
            recordedOutputBatches(graph).forEach(exportBatches::add);
        }
        if (symbolic && !anyReshapeLeadingWith(graph, exportBatches)) {
            return Normalized.unchanged(model); // the common case of a dynamic export: nothing to follow
        }
        long opset = OpsetUpgrade.defaultOpset(model);
        BatchFlow.Result flow = BatchFlow.analyze(graph, image.get().getName(), opset, exportBatches);
        if (symbolic && !flow.undecidable().isEmpty()) {
            throw new NeuroLensException("cannot make the batch dynamic: " + flow.undecidable().get(0));
        }
        boolean makeSymbolic = !symbolic && flow.notAgnostic().isEmpty();
        if (!symbolic && !makeSymbolic || flow.baked().isEmpty() && !makeSymbolic) {
            return Normalized.unchanged(model);
        }
        List<String> changes = new ArrayList<>();
        for (BatchFlow.BakedReshape r : flow.baked()) {
            changes.add(rewriteReshape(graph, r));
        }
        String param = symbolic ? (batch.hasDimParam() ? batch.getDimParam() : BATCH) : BATCH;
        Set<Long> fixed = symbolic ? exportBatches : Set.of(1L);
        int relabeled = relabelBatchAxes(graph, flow.kinds(), fixed, param);
        if (makeSymbolic) {
            changes.add("input '" + image.get().getName() + "': batch size 1 -> symbolic '" + BATCH
                    + "' (every node is batch-agnostic)" + (relabeled > 1 ? "; " + (relabeled - 1)
                    + " recorded output/value_info shapes too" : ""));
        }
        graph.edited();
        return new Normalized(model.toBuilder().setGraph(graph.build()).build(), changes, true);
    }

    /** The single graph input that is no initializer, if it has a recorded shape of rank 1 or more. */
    private static Optional<ValueInfoProto> imageInput(GraphEdit graph) {
        List<ValueInfoProto> fed = graph.inputs().stream()
                .filter(v -> !graph.initializers().containsKey(v.getName())).toList();
        if (fed.size() != 1) {
            return Optional.empty();
        }
        TypeProto type = fed.get(0).getType();
        boolean shaped = type.hasTensorType() && type.getTensorType().hasShape()
                && type.getTensorType().getShape().getDimCount() > 0;
        return shaped ? Optional.of(fed.get(0)) : Optional.empty();
    }

    /** Whether a Reshape has a constant shape that starts with one of {@code sizes}. */
    private static boolean anyReshapeLeadingWith(GraphEdit graph, Set<Long> sizes) {
        for (NodeProto n : graph.nodes()) {
            if (n.getOpType().equals("Reshape") && n.getInputCount() == 2) {
                Optional<long[]> shape = graph.constant(n.getInput(1)).flatMap(Tensors::longs);
                if (shape.isPresent() && shape.get().length > 0 && sizes.contains(shape.get()[0])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fixed leading sizes of the graph outputs: the batch size the exporter traced with. */
    private static List<Long> recordedOutputBatches(GraphEdit graph) {
        List<Long> out = new ArrayList<>();
        for (ValueInfoProto o : graph.outputs()) {
            TypeProto t = o.getType();
            if (t.hasTensorType() && t.getTensorType().getShape().getDimCount() > 1
                    && t.getTensorType().getShape().getDim(0).hasDimValue()) {
                out.add(t.getTensorType().getShape().getDim(0).getDimValue());
            }
        }
        return out;
    }

    private static String rewriteReshape(GraphEdit graph, BatchFlow.BakedReshape r) {
        NodeProto node = r.node();
        long[] v = r.shape().clone();
        boolean otherMinusOne = false;
        for (int i = 1; i < v.length; i++) {
            otherMinusOne |= v[i] == -1;
        }
        if (otherMinusOne && Attrs.integer(node, "allowzero", 0) != 0) {
            throw new NeuroLensException("cannot make the batch dynamic: Reshape '" + node.getName()
                    + "' to the constant " + Tensors.text(r.shape()) + " ('" + node.getInput(1)
                    + "') has allowzero=1 and another -1, so the batch can be neither copied nor inferred");
        }
        v[0] = otherMinusOne ? 0 : -1;
        String constant = graph.addConstant(node.getInput(1) + "_dynamic_batch", Tensors.int64Vector("", v));
        int index = graph.nodes().indexOf(node);
        graph.nodes().set(index, node.toBuilder().setInput(1, constant).build());
        graph.release(node.getInput(1));
        return "Reshape '" + node.getName() + "': shape constant " + Tensors.text(r.shape()) + " -> "
                + Tensors.text(v) + " (the export baked the batch size " + r.shape()[0] + " into it)";
    }

    /**
     * Makes the first axis symbolic in the recorded shapes (input, outputs, value_info) of the
     * batch-leading tensors where it is fixed to a baked batch size; returns how many.
     */
    private static int relabelBatchAxes(GraphEdit graph, Map<String, BatchFlow.Kind> kinds, Set<Long> baked,
            String param) {
        int count = 0;
        for (List<ValueInfoProto> list : List.of(graph.inputs(), graph.outputs(), graph.valueInfo())) {
            for (int i = 0; i < list.size(); i++) {
                ValueInfoProto v = list.get(i);
                if (kinds.get(v.getName()) == BatchFlow.Kind.BATCH && hasFixedBatch(v, baked)) {
                    list.set(i, withSymbolicBatch(v, param));
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean hasFixedBatch(ValueInfoProto v, Set<Long> baked) {
        TypeProto t = v.getType();
        return t.hasTensorType() && t.getTensorType().getShape().getDimCount() > 0
                && t.getTensorType().getShape().getDim(0).hasDimValue()
                && baked.contains(t.getTensorType().getShape().getDim(0).getDimValue());
    }

    private static ValueInfoProto withSymbolicBatch(ValueInfoProto v, String param) {
        ValueInfoProto.Builder b = v.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().setDim(0,
                TensorShapeProto.Dimension.newBuilder().setDimParam(param));
        return b.build();
    }
}
