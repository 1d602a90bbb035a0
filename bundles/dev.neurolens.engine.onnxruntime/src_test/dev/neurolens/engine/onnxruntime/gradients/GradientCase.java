package dev.neurolens.engine.onnxruntime.gradients;

import dev.neurolens.graph.build.ModelBuilder;
import dev.neurolens.graph.build.RandomWeights;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.util.Arrays;
import java.util.List;

/**
 * One model to differentiate: a single op (or a few) in one configuration, with its input
 * {@code x}, the output the seed is applied to, and the tensors whose gradients are checked.
 *
 * @param op the op under test, for the error table
 * @param config what is special about this configuration
 * @param model the model; its only graph input is {@code x}
 * @param shape the input's shape
 * @param x the input values
 * @param output the tensor the seed weights
 * @param wrt the tensors whose gradients are compared ({@code x}, weights, intermediates)
 * @param seedSeed the random seed of the seed tensor's values
 * @param placedNearKinks whether some inputs were put within the finite-difference step of a kink
 *     on purpose, so that the check must skip some elements (and shows that it does)
 */
record GradientCase(String op, String config, ModelProto model, int[] shape, float[] x, String output,
        List<String> wrt, long seedSeed, boolean placedNearKinks) {

    /** The name of the model input. */
    static final String INPUT = "x";

    /** A case whose model has input {@code x} of the given shape, filled uniformly in [-1, 1). */
    static Builder of(String op, String config, long seed, int... shape) {
        return new Builder(op, config, seed, shape, false);
    }

    /**
     * A case whose model declares the first axis of {@code x} symbolic ({@code batch}), as exported
     * classifiers do; {@code shape} is the batch it is run with.
     */
    static Builder withBatchAxis(String op, String config, long seed, int... shape) {
        return new Builder(op, config + " (symbolic batch)", seed, shape, true);
    }

    /** {@code op: config}. */
    String name() {
        return op + ": " + config;
    }

    /** A file name for the model. */
    String fileName() {
        return (op + "_" + config).replaceAll("[^A-Za-z0-9._-]+", "_") + ".onnx";
    }

    @Override
    public String toString() {
        return name() + " " + Arrays.toString(shape);
    }

    /** Builds a case: the model builder comes with input {@code x}; add weights and nodes to it. */
    static final class Builder {
        private final String op;
        private final String config;
        private final long seed;
        private final int[] shape;
        private final ModelBuilder model;
        private final RandomWeights random;
        private float[] x;
        private String output = "y";
        private List<String> wrt = List.of(INPUT);
        private boolean nearKinks;

        private Builder(String op, String config, long seed, int[] shape, boolean symbolicBatch) {
            this.op = op;
            this.config = config;
            this.seed = seed;
            this.shape = shape.clone();
            long[] declared = Arrays.stream(shape).asLongStream().toArray();
            if (symbolicBatch) {
                declared[0] = -1;
            }
            this.model = new ModelBuilder(op).input(INPUT, declared);
            this.random = new RandomWeights(seed);
            this.x = random.uniform(size(), -1, 1);
        }

        /** The model, with input {@code x} declared. */
        ModelBuilder model() {
            return model;
        }

        /** Random values for weights and inputs, seeded by the case's seed. */
        RandomWeights random() {
            return random;
        }

        /** The number of input values. */
        int size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        /** Replaces the input values. */
        Builder x(float[] values) {
            if (values.length != size()) {
                throw new IllegalArgumentException("x needs " + size() + " values");
            }
            this.x = values;
            return this;
        }

        /** The seeded output (default {@code y}). */
        Builder output(String name) {
            this.output = name;
            return this;
        }

        /** The tensors whose gradients are compared (default {@code x}). */
        Builder wrt(String... tensors) {
            this.wrt = List.of(tensors);
            return this;
        }

        /** Marks inputs placed within the finite-difference step of a kink on purpose. */
        Builder placedNearKinks() {
            this.nearKinks = true;
            return this;
        }

        GradientCase build() {
            return new GradientCase(op, config, model.output(output).build(), shape, x, output, wrt, seed + 1000,
                    nearKinks);
        }
    }
}
