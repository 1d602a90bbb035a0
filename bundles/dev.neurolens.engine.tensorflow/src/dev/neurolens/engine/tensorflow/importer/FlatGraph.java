package dev.neurolens.engine.tensorflow.importer;

import org.tensorflow.proto.GraphDef;

/**
 * A signature's computation as one flat TensorFlow graph: no function calls, no resource
 * variables (their values are {@code Const} nodes), one {@code Placeholder} input.
 *
 * @param graph the nodes, in topological order
 * @param inputNode the name of the input {@code Placeholder}
 * @param inputKey the signature's name of the input (e.g. {@code image})
 * @param output the output tensor ({@code node} or {@code node:i})
 * @param outputKey the signature's name of the output (e.g. {@code output_0})
 */
public record FlatGraph(GraphDef graph, String inputNode, String inputKey, String output, String outputKey) {
}
