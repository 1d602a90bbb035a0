package dev.neurolens.engine.tensorflow.importer;

import dev.neurolens.core.NeuroLensException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;

/**
 * Flattens the part of a SavedModel's graph that computes one signature output into a plain
 * {@link GraphDef} without functions or resource variables:
 * <ul>
 * <li>{@code StatefulPartitionedCall} / {@code PartitionedCall} nodes are replaced by the body of
 *     the function they call (from the MetaGraphDef's function library), recursively; function
 *     arguments become the caller's input tensors, the call's outputs the body's return values;</li>
 * <li>a {@code ReadVariableOp} of a resource that traces back to a graph-level {@code VarHandleOp}
 *     becomes a {@code Const} holding the variable's value, read through the engine
 *     ({@code variables});</li>
 * <li>{@code Identity}/{@code IdentityN} are kept; control inputs and {@code NoOp}s are dropped.</li>
 * </ul>
 * Only nodes the signature output depends on are emitted, in topological order. Node names are
 * the function bodies' own names (Keras layer paths such as {@code model/conv1/convolution}); a
 * name that occurs twice gets the calling node's name as prefix.
 */
public final class FunctionInliner {
    private final Map<String, FunctionDef> functions = new HashMap<>();
    private final Map<String, NodeDef> graphNodes = new HashMap<>();
    private final Function<String, TensorProto> variables;
    private final List<NodeDef> out = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> emitted = new HashSet<>();
    /** Resolved tensors: a scope-qualified reference to its flat tensor name ({@code node} or {@code node:i}). */
    private final Map<String, String> resolved = new HashMap<>();
    /** Variables by VarHandleOp node name, as Const nodes already emitted. */
    private final Map<String, String> variableConsts = new HashMap<>();

    private FunctionInliner(MetaGraphDef meta, Function<String, TensorProto> variables) {
        this.variables = variables;
        meta.getGraphDef().getLibrary().getFunctionList().forEach(f -> functions.put(f.getSignature().getName(), f));
        meta.getGraphDef().getNodeList().forEach(n -> graphNodes.put(n.getName(), n));
    }

    /**
     * Flattens the computation of one signature.
     *
     * @param meta the MetaGraphDef (tag {@code serve})
     * @param signatureKey e.g. {@code serving_default}
     * @param variables the value of a variable by the name of its graph-level {@code VarHandleOp}
     * @throws NeuroLensException if the signature does not have exactly one input and one output,
     *     or the graph uses a construct the inliner does not know
     */
    public static FlatGraph flatten(MetaGraphDef meta, String signatureKey, Function<String, TensorProto> variables) {
        SignatureDef sig = meta.getSignatureDefMap().get(signatureKey);
        if (sig == null) {
            throw new NeuroLensException("no signature '" + signatureKey + "'");
        }
        if (sig.getInputsCount() != 1 || sig.getOutputsCount() != 1) {
            throw new NeuroLensException("signature '" + signatureKey + "' has " + sig.getInputsCount() + " inputs and "
                    + sig.getOutputsCount() + " outputs; NeuroLens explains models with one image input and one output");
        }
        Map.Entry<String, TensorInfo> in = sig.getInputsMap().entrySet().iterator().next();
        Map.Entry<String, TensorInfo> outInfo = sig.getOutputsMap().entrySet().iterator().next();
        FunctionInliner inliner = new FunctionInliner(meta, variables);
        String inputNode = nodeOf(in.getValue().getName());
        String output = inliner.graphTensor(outInfo.getValue().getName(), new ArrayList<>());
        GraphDef graph = GraphDef.newBuilder().addAllNode(inliner.out).setVersions(meta.getGraphDef().getVersions())
                .build();
        return new FlatGraph(graph, inputNode, in.getKey(), output, outInfo.getKey());
    }

    // ------------------------------------------------------------------ graph level

    /** Resolves a graph-level tensor name ({@code node:i}) to a flat tensor, emitting what it needs. */
    private String graphTensor(String name, List<String> stack) {
        String key = "/" + name;
        String done = resolved.get(key);
        if (done != null) {
            return done;
        }
        String nodeName = nodeOf(name);
        int index = indexOf(name);
        NodeDef node = graphNodes.get(nodeName);
        if (node == null) {
            throw new NeuroLensException("the graph has no node '" + nodeName + "'");
        }
        String flat;
        if (isCall(node)) {
            List<String> args = new ArrayList<>();
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    args.add(isResource(input) ? "@" + nodeOf(input) : graphTensor(input, stack));
                }
            }
            flat = callOutput(node, args, index, "", stack);
        } else if (node.getOp().equals("VarHandleOp")) {
            flat = "@" + nodeName;
        } else {
            List<String> inputs = new ArrayList<>();
            for (String input : node.getInputList()) {
                if (!input.startsWith("^")) {
                    inputs.add(graphTensor(input, stack));
                }
            }
            flat = node.getOp().equals("ReadVariableOp") && inputs.get(0).startsWith("@")
                    ? variable(inputs.get(0).substring(1)) : emit(node, nodeName, inputs, index);
        }
        resolved.put(key, flat);
        return flat;
    }

    private boolean isResource(String graphInput) {
        NodeDef n = graphNodes.get(nodeOf(graphInput));
        return n != null && n.getOp().equals("VarHandleOp");
    }

    // ------------------------------------------------------------------ functions

    /**
     * The flat tensor of output {@code index} of a call of {@code call}'s function with the given
     * argument tensors (resource arguments as {@code @<VarHandleOp name>}).
     */
    private String callOutput(NodeDef call, List<String> args, int index, String scope, List<String> stack) {
        String fname = call.getAttrOrThrow("f").getFunc().getName();
        FunctionDef f = functions.get(fname);
        if (f == null) {
            throw new NeuroLensException("node '" + call.getName() + "' calls function '" + fname
                    + "', which is not in the SavedModel's function library");
        }
        String callScope = scope + call.getName() + "/" + fname + "#";
        if (stack.contains(fname)) {
            throw new NeuroLensException("function '" + fname + "' calls itself");
        }
        List<ArgDef> inputArgs = f.getSignature().getInputArgList();
        if (inputArgs.size() != args.size()) {
            throw new NeuroLensException("node '" + call.getName() + "' passes " + args.size() + " arguments to '" + fname
                    + "', which takes " + inputArgs.size());
        }
        for (int i = 0; i < args.size(); i++) {
            resolved.put(callScope + inputArgs.get(i).getName(), args.get(i));
        }
        List<ArgDef> outputArgs = f.getSignature().getOutputArgList();
        if (index >= outputArgs.size()) {
            throw new NeuroLensException("function '" + fname + "' has no output " + index);
        }
        String ret = f.getRetMap().get(outputArgs.get(index).getName());
        List<String> deeper = new ArrayList<>(stack);
        deeper.add(fname);
        return bodyTensor(f, callScope, ret, deeper, call.getName());
    }

    /** Resolves a reference inside a function body ({@code arg} or {@code node:outarg:i}). */
    private String bodyTensor(FunctionDef f, String scope, String ref, List<String> stack, String caller) {
        String key = scope + ref;
        String done = resolved.get(key);
        if (done != null) {
            return done;
        }
        String[] parts = ref.split(":");
        NodeDef node = bodyNode(f, parts[0]);
        if (node == null) {
            throw new NeuroLensException("function '" + f.getSignature().getName() + "' refers to '" + ref
                    + "', which is neither an argument nor a node");
        }
        int index = parts.length == 3 ? OutputIndex.of(node.getOp(), parts[1], Integer.parseInt(parts[2])) : 0;
        List<String> inputs = new ArrayList<>();
        for (String input : node.getInputList()) {
            if (!input.startsWith("^")) {
                inputs.add(bodyTensor(f, scope, input, stack, caller));
            }
        }
        String flat;
        if (isCall(node)) {
            flat = callOutput(node, inputs, index, scope, stack);
        } else if (node.getOp().equals("ReadVariableOp") && inputs.get(0).startsWith("@")) {
            flat = variable(inputs.get(0).substring(1));
        } else if (inputs.stream().anyMatch(s -> s.startsWith("@"))) {
            throw new NeuroLensException("TensorFlow op " + node.getOp() + " (node " + node.getName()
                    + ") uses a resource variable in a way NeuroLens cannot import (only ReadVariableOp)");
        } else {
            flat = emit(node, uniqueName(node.getName(), caller), inputs, index);
        }
        resolved.put(key, flat);
        return flat;
    }

    private static NodeDef bodyNode(FunctionDef f, String name) {
        for (NodeDef n : f.getNodeDefList()) {
            if (n.getName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ emission

    /** Emits {@code node} (once per flat name) with flat inputs; returns the flat name of its output {@code index}. */
    private String emit(NodeDef node, String flatName, List<String> inputs, int index) {
        if (emitted.add(flatName)) {
            NodeDef.Builder b = NodeDef.newBuilder().setName(flatName).setOp(node.getOp()).addAllInput(inputs);
            node.getAttrMap().forEach((k, v) -> {
                if (!k.startsWith("_") || k.equals("_output_shapes")) {
                    b.putAttr(k, v);
                }
            });
            out.add(b.build());
        }
        return index == 0 ? flatName : flatName + ":" + index;
    }

    private String variable(String handle) {
        String done = variableConsts.get(handle);
        if (done != null) {
            return done;
        }
        TensorProto value = variables.apply(handle);
        String name = uniqueName(handle, "variables");
        out.add(NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build());
        usedNames.add(name);
        variableConsts.put(handle, name);
        return name;
    }

    private String uniqueName(String name, String caller) {
        String candidate = name;
        int n = 1;
        if (usedNames.contains(candidate) || graphNodes.containsKey(candidate)) {
            candidate = caller + "/" + name;
        }
        while (usedNames.contains(candidate) || graphNodes.containsKey(candidate)) {
            candidate = caller + "/" + name + "_" + n++;
        }
        usedNames.add(candidate);
        return candidate;
    }

    private static boolean isCall(NodeDef n) {
        return n.getOp().equals("StatefulPartitionedCall") || n.getOp().equals("PartitionedCall");
    }

    static String nodeOf(String tensor) {
        String t = tensor.startsWith("^") ? tensor.substring(1) : tensor;
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(0, colon);
    }

    static int indexOf(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    }
}
