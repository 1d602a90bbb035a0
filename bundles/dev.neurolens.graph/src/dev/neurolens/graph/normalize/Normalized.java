package dev.neurolens.graph.normalize;

import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The result of a normalization step: the model and what was changed.
 *
 * @param model the normalized model (the input model itself when nothing changed)
 * @param changes one line per change, for the log and the user, e.g. {@code opset 9 -> 17}
 * @param graphRewritten whether nodes, constants or the input's shape changed, so that forward
 *     outputs could differ and should be checked; {@code false} when only the opset import, the IR
 *     version, node names or the listing of initializers among the inputs changed, which by the
 *     ONNX operator changelog compute the same
 */
public record Normalized(ModelProto model, List<String> changes, boolean graphRewritten) {

    /** Compact constructor: copies the list. */
    public Normalized {
        changes = List.copyOf(changes);
    }

    /** {@code model} unchanged. */
    public static Normalized unchanged(ModelProto model) {
        return new Normalized(model, List.of(), false);
    }

    /** This result followed by {@code step} applied to its model: the changes of both. */
    public Normalized andThen(Function<ModelProto, Normalized> step) {
        Normalized next = step.apply(model);
        List<String> all = new ArrayList<>(changes);
        all.addAll(next.changes());
        return new Normalized(next.model(), all, graphRewritten || next.graphRewritten());
    }

    /** Whether anything changed. */
    public boolean changed() {
        return !changes.isEmpty();
    }
}
