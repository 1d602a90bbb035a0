package dev.neurolens.lrp.internal;

import dev.neurolens.graph.compile.Emitter;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Emitter} that knows the shape of one emitted tensor (a modified weight) as that of a
 * forward tensor (the original weight), so that the standard backward rules can emit a layer's
 * transpose with modified weights.
 */
final class AliasEmitter implements Emitter {
    private final Emitter e;
    private final String alias;
    private final String original;

    AliasEmitter(Emitter e, String alias, String original) {
        this.e = e;
        this.alias = alias;
        this.original = original;
    }

    @Override
    public String node(String opType, List<String> inputs, Map<String, Object> attributes) {
        return e.node(opType, inputs, attributes);
    }

    @Override
    public List<String> node(String opType, List<String> inputs, int outputs, Map<String, Object> attributes) {
        return e.node(opType, inputs, outputs, attributes);
    }

    @Override
    public String ints(long... values) {
        return e.ints(values);
    }

    @Override
    public String floats(float[] values, long... shape) {
        return e.floats(values, shape);
    }

    @Override
    public long[] shape(String tensor) {
        return e.shape(tensor.equals(alias) ? original : tensor);
    }

    @Override
    public Optional<TensorProto> constant(String tensor) {
        return tensor.equals(alias) ? Optional.empty() : e.constant(tensor);
    }

    @Override
    public boolean needsGradient(String tensor) {
        return !tensor.equals(alias) && e.needsGradient(tensor);
    }

    @Override
    public void declareShape(String tensor, long[] shape) {
        e.declareShape(tensor, shape);
    }

    @Override
    public long opset() {
        return e.opset();
    }
}
