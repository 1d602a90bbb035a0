package dev.neurolens.graph.normalize;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Upgrades a model of the default ONNX domain from opset 7 to 16 to opset {@value #TARGET_OPSET},
 * the opset explanation graphs are emitted at, rewriting the nodes whose meaning changed on the
 * way (see {@link OpHistory} for the changelog and the classes it names for each rewrite):
 *
 * <ul>
 *   <li>attributes that became inputs: Slice-10, TopK-10, Pad-11, Clip-11, Squeeze/Unsqueeze-13,
 *       ReduceSum-13, Split-13 (ReduceMean keeps its attribute until 18, above the target);
 *   <li>Softmax/LogSoftmax/Hardmax-13: single-axis semantics instead of coerce-to-2D;
 *   <li>Upsample-7/9/10 and Resize-10 to Resize-13 with the old coordinate arithmetic;
 *   <li>BatchNormalization-9/-14 and Dropout-10/-12: training-only attributes and outputs dropped;
 *   <li>Scatter to ScatterElements, RoiAlign-16's coordinate mode.
 * </ul>
 *
 * Other changes from 8 to 17 add types, negative axes, or attributes and inputs whose default is
 * the old behaviour, so those nodes are kept; a change NeuroLens cannot rewrite is refused, naming
 * the op, node and opsets. The IR version is raised to at least {@value #MIN_IR_VERSION} (opset 17
 * needs IR 8); models newer than IR {@value #MAX_IR_VERSION} (what ONNX Runtime 1.21 reads) or
 * opset {@value #TARGET_OPSET} are refused. Other domains' imports and nodes are left alone.
 */
public final class OpsetUpgrade {
    /** The opset models are upgraded to. */
    public static final long TARGET_OPSET = 17;
    /** The oldest opset NeuroLens upgrades. */
    public static final long OLDEST_OPSET = 7;
    /** The oldest IR version that allows opset 17. */
    public static final long MIN_IR_VERSION = 8;
    /** The newest IR version the bundled ONNX Runtime reads. */
    public static final long MAX_IR_VERSION = 10;
    /** IR 4 stopped requiring initializers to be listed among the graph inputs. */
    private static final long IR_INITIALIZERS_NOT_INPUTS = 4;

    private OpsetUpgrade() {
    }

    /**
     * {@code model} at opset {@value #TARGET_OPSET} and IR {@value #MIN_IR_VERSION} to
     * {@value #MAX_IR_VERSION}.
     *
     * @throws NeuroLensException if the model imports no default-domain opset, its opset is older
     *     than {@value #OLDEST_OPSET} or newer than {@value #TARGET_OPSET}, its IR version is newer
     *     than {@value #MAX_IR_VERSION}, or a node changed in a way that is not rewritten (the
     *     message names op, node and opsets)
     */
    public static Normalized upgrade(ModelProto model) {
        long opset = defaultOpset(model);
        if (opset > TARGET_OPSET) {
            throw new NeuroLensException("the model uses ONNX opset " + opset + ", newer than opset " + TARGET_OPSET
                    + " that NeuroLens runs explanations at");
        }
        if (opset < OLDEST_OPSET) {
            throw new NeuroLensException("the model uses ONNX opset " + opset + "; NeuroLens upgrades opset "
                    + OLDEST_OPSET + " and newer (re-export it, e.g. torch.onnx.export(..., opset_version=17))");
        }
        if (model.getIrVersion() > MAX_IR_VERSION) {
            throw new NeuroLensException("the model has IR version " + model.getIrVersion()
                    + ", newer than the bundled ONNX Runtime reads (" + MAX_IR_VERSION + ")");
        }
        List<String> changes = new ArrayList<>();
        GraphEdit graph = new GraphEdit(model.getGraph());
        boolean rewritten = opset < TARGET_OPSET && rewriteNodes(graph, opset, changes);
        ModelProto.Builder out = model.toBuilder();
        if (opset < TARGET_OPSET) {
            changes.add(0, "opset " + opset + " -> " + TARGET_OPSET);
            setDefaultOpset(out, TARGET_OPSET);
        }
        long ir = model.getIrVersion();
        if (ir < MIN_IR_VERSION) {
            changes.add(Math.min(changes.size(), 1), "IR version " + ir + " -> " + MIN_IR_VERSION + " (opset "
                    + TARGET_OPSET + " needs IR " + MIN_IR_VERSION + ")");
            out.setIrVersion(MIN_IR_VERSION);
            if (ir < IR_INITIALIZERS_NOT_INPUTS && unlistInitializers(graph)) {
                changes.add("initializers are no longer listed among the graph inputs (IR " + ir
                        + " required it; only the image is fed)");
            }
        }
        if (changes.isEmpty()) {
            return Normalized.unchanged(model);
        }
        out.setGraph(graph.build());
        return new Normalized(out.build(), changes, rewritten);
    }

    /** The opset of the default domain ({@code ""} or {@code ai.onnx}). */
    static long defaultOpset(ModelProto model) {
        long opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = Math.max(opset, o.getVersion());
            }
        }
        if (opset < 0) {
            throw new NeuroLensException("the model imports no opset of the ONNX domain");
        }
        return opset;
    }

    private static boolean rewriteNodes(GraphEdit graph, long opset, List<String> changes) {
        List<NodeProto> nodes = graph.nodes();
        UpgradeContext context = null;
        List<NodeProto> out = new ArrayList<>(nodes.size());
        for (NodeProto node : nodes) {
            NodeUpgrades.checkSubgraphs(node, opset, TARGET_OPSET);
            if (!GraphEdit.isDefaultDomain(node) || !NodeUpgrades.needsRewrite(node, opset, TARGET_OPSET)) {
                out.add(node);
                continue;
            }
            if (context == null) {
                context = new UpgradeContext(graph, opset, Ranks.of(graph), graph.consumerCounts(), changes);
            }
            out.addAll(NodeUpgrades.upgrade(node, context));
        }
        if (context == null) {
            return false;
        }
        nodes.clear();
        nodes.addAll(out);
        graph.edited();
        return true;
    }

    private static void setDefaultOpset(ModelProto.Builder model, long version) {
        List<OperatorSetIdProto> imports = new ArrayList<>();
        boolean done = false;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            boolean isDefault = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
            if (!isDefault) {
                imports.add(o);
            } else if (!done) {
                imports.add(o.toBuilder().setVersion(version).build());
                done = true;
            }
        }
        model.clearOpsetImport().addAllOpsetImport(imports);
    }

    /** Removes initializers from the graph inputs; whether there were any. */
    private static boolean unlistInitializers(GraphEdit graph) {
        Set<String> weights = graph.initializers().keySet();
        List<ValueInfoProto> inputs = graph.inputs();
        boolean removed = inputs.removeIf(v -> weights.contains(v.getName()));
        if (removed) {
            graph.edited();
        }
        return removed;
    }
}
