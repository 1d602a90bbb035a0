package dev.neurolens.engine.onnxruntime.normalize;

import com.google.protobuf.ByteString;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.engine.onnxruntime.internal.CacheDirectory;
import dev.neurolens.engine.onnxruntime.internal.ModelOpener;
import dev.neurolens.engine.onnxruntime.internal.OrtRuntime;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.AttributeProto;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small ONNX models written as protobuf (the engine bundle does not import the graph bundle's
 * model builder), and runs of them through ONNX Runtime: opened by {@link ModelOpener} with no
 * normalization, so each runs exactly as written. (Tests do not use {@code ai.onnxruntime}
 * directly: Tycho's test fragment would import that package, which no bundle exports, and the
 * fragment would not resolve.)
 */
final class Onnx {
    private static OrtRuntime runtime;

    private Onnx() {
    }

    /** The started engine (natives installed once per JVM, as the adapter does). */
    static synchronized OrtRuntime runtime() {
        if (runtime == null) {
            runtime = OrtRuntime.start(CacheDirectory.root());
        }
        return runtime;
    }

    /** A model builder: graph named {@code test}, one float input {@code x}. */
    static final class Model {
        private final long opset;
        private long ir = 8;
        private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");

        Model(long opset, long... inputDims) {
            this.opset = opset;
            graph.addInput(valueInfo("x", inputDims));
        }

        Model ir(long version) {
            this.ir = version;
            return this;
        }

        Model weights(String name, float[] values, long... dims) {
            graph.addInitializer(floats(name, values, dims));
            return this;
        }

        /** A 1-D int64 initializer. */
        Model ints(String name, long... values) {
            return ints(name, values, values.length);
        }

        /** An int64 initializer of the given shape. */
        Model ints(String name, long[] values, long... dims) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.INT64_VALUE).setRawData(ByteString.copyFrom(b.array()));
            for (long d : dims) {
                t.addDims(d);
            }
            graph.addInitializer(t);
            return this;
        }

        Model node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
            graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs)
                    .addAllAttribute(List.of(attributes)));
            return this;
        }

        /** A node with one input and one output. */
        Model node(String op, String name, String in, String out, AttributeProto... attributes) {
            return node(op, name, List.of(in), List.of(out), attributes);
        }

        Model output(String name, long... dims) {
            graph.addOutput(dims.length == 0 ? ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))).build() : valueInfo(name, dims));
            return this;
        }

        ModelProto build() {
            return ModelProto.newBuilder().setIrVersion(ir).setProducerName("test").setGraph(graph)
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
        }
    }

    static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static AttributeProto floats(String name, float... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.FLOATS);
        for (float x : v) {
            a.addFloats(x);
        }
        return a.build();
    }

    /** {@code n} standard normal values from a fixed seed. */
    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** A random input of the given shape. */
    static Tensor input(long seed, int... shape) {
        return Tensor.wrap(random(Math.toIntExact(Tensor.elementCount(shape)), seed), shape);
    }

    /** An opener that runs models exactly as written (no normalization). */
    static ModelOpener asWritten() {
        return new ModelOpener(Onnx::runtime, Normalized::unchanged);
    }

    /** The graph outputs of {@code model} for input {@code x}, run by ONNX Runtime exactly as written. */
    static List<Tensor> run(ModelProto model, Tensor x) {
        Path file = write(model);
        try (LoadedModel m = asWritten().open(file, ModelOptions.defaults().withThreads(1))) {
            List<String> names = new ArrayList<>();
            model.getGraph().getOutputList().forEach(o -> names.add(o.getName()));
            Map<String, Tensor> out = m.run(x, names, Progress.NONE);
            List<Tensor> values = new ArrayList<>();
            names.forEach(n -> values.add(out.get(n)));
            return values;
        } finally {
            delete(file);
        }
    }

    /** Writes {@code model} to a temporary {@code .onnx} file. */
    static Path write(ModelProto model) {
        try {
            Path file = Files.createTempFile("neurolens-normalize-", ".onnx");
            return Files.write(file, model.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the OS cleans up
        }
    }

    /** The largest difference relative to the largest magnitude of {@code expected}; infinite if shapes differ. */
    static double relativeDifference(Tensor expected, Tensor actual) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.get(i)));
            diff = Math.max(diff, Math.abs(expected.get(i) - actual.get(i)));
        }
        return diff == 0 ? 0 : diff / scale;
    }
}
