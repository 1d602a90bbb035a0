package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuses common exporter patterns back into the layer they represent, so that methods that need
 * "the conv layer" or "the fully connected layer" find it by its name:
 *
 * <ul>
 *   <li>{@code NHWC} transpose sandwiches: inverse Transpose pairs around element-wise ops are
 *       removed ({@link TransposeCancellation});
 *   <li>{@code Conv -> Mul -> Add} with per-channel constants: one Conv ({@link ConvAffineFusion});
 *   <li>{@code MatMul -> Add} on 2-D input with constant weights and bias: Gemm
 *       ({@link GemmFusion}).
 * </ul>
 *
 * Each fused node keeps the name of the layer it represents (the Conv's, the MatMul's) and
 * produces the tensor the pattern produced, so the rest of the graph and the outputs are
 * unchanged. Patterns are fused only where no other node reads the intermediate tensors.
 */
public final class Fusions {
    private static final List<Fusion> IN_ORDER = List.of(new TransposeCancellation(), new ConvAffineFusion(),
            new GemmFusion());

    private Fusions() {
    }

    /** {@code model} with the patterns fused (the model itself if there are none). */
    public static Normalized fuse(ModelProto model) {
        GraphEdit graph = new GraphEdit(model.getGraph());
        List<String> changes = new ArrayList<>();
        boolean again = true;
        while (again) {
            again = false;
            Fusion.Context context = new Fusion.Context(graph);
            for (int i = 0; i < graph.nodes().size() && !again; i++) {
                for (Fusion f : IN_ORDER) {
                    Optional<String> change = f.apply(graph, i, context);
                    if (change.isPresent()) {
                        changes.add(change.get());
                        again = true;
                        break;
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            return Normalized.unchanged(model);
        }
        return new Normalized(model.toBuilder().setGraph(graph.build()).build(), changes, true);
    }
}
