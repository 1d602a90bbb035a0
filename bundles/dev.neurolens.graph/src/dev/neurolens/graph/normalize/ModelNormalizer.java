package dev.neurolens.graph.normalize;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.List;

/**
 * Brings a model into the form the explanation compiler and the layer methods expect, in this
 * order:
 *
 * <ol>
 *   <li>unnamed nodes get the names {@link NodeNames} invents ({@code <OpType>_<index>}, indexes of
 *       the file's node list), before anything moves, so that names stay those of the file;
 *   <li>{@link OpsetUpgrade}: opset {@value OpsetUpgrade#TARGET_OPSET}, IR 8 to 10;
 *   <li>{@link BatchSizeRewrite}: baked batch sizes made dynamic;
 *   <li>{@link Fusions}: exporter patterns fused back into layers.
 * </ol>
 *
 * A pure function: the same model gives the same result, and nothing but the model is read.
 */
public final class ModelNormalizer {

    private ModelNormalizer() {
    }

    /**
     * The normalized model and the list of changes (empty when the model already is normal).
     *
     * @throws NeuroLensException if the upgrade or the batch rewrite must refuse the model; the
     *     message says which op, node, opset or constant is the problem
     */
    public static Normalized normalize(ModelProto model) {
        return named(model).andThen(OpsetUpgrade::upgrade).andThen(BatchSizeRewrite::rewrite)
                .andThen(Fusions::fuse);
    }

    /** The model with every node named as {@link NodeNames} names it. */
    static Normalized named(ModelProto model) {
        GraphProto graph = model.getGraph();
        List<String> names = NodeNames.of(graph);
        GraphProto.Builder b = null;
        int filled = 0;
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (!graph.getNode(i).getName().equals(names.get(i))) {
                if (b == null) {
                    b = graph.toBuilder();
                }
                b.setNode(i, graph.getNode(i).toBuilder().setName(names.get(i)));
                filled++;
            }
        }
        if (b == null) {
            return Normalized.unchanged(model);
        }
        return new Normalized(model.toBuilder().setGraph(b).build(),
                List.of(filled + " unnamed or duplicate node names filled in as <OpType>_<index>"), false);
    }
}
