package dev.neurolens.engine.tensorflow.importer;

import com.google.protobuf.ByteString;
import dev.neurolens.core.NeuroLensException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads the values of a SavedModel's resource variables through TensorFlow: the loaded bundle's
 * session has restored them; a {@code ReadVariableOp} added to its graph for each
 * {@code VarHandleOp} fetches the value, which becomes a {@link TensorProto} for a {@code Const}.
 * All variables the importer asks for are read in one session run on first use.
 */
public final class VariableReader implements Function<String, TensorProto> {
    private final SavedModelBundle bundle;
    private final Map<String, TensorProto> cache = new HashMap<>();

    /** A reader over a loaded bundle (not closed by this reader). */
    public VariableReader(SavedModelBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * The value of the variable whose graph-level handle node is {@code handle}.
     *
     * @throws NeuroLensException if there is no such variable or it cannot be read
     */
    @Override
    public TensorProto apply(String handle) {
        TensorProto cached = cache.get(handle);
        if (cached != null) {
            return cached;
        }
        Graph graph = bundle.graph();
        GraphOperation var = graph.operation(handle);
        if (var == null || !var.type().equals("VarHandleOp")) {
            throw new NeuroLensException("the SavedModel has no variable '" + handle + "'");
        }
        String readName = "neurolens_read/" + handle;
        GraphOperation read = graph.operation(readName);
        if (read == null) {
            DataType dtype = var.attributes().getAttrType("dtype");
            read = (GraphOperation) graph.opBuilder("ReadVariableOp", readName, graph.baseScope())
                    .addInput(var.output(0)).setAttr("dtype", dtype).build();
        }
        try (Result r = bundle.session().runner().fetch(read.output(0)).run()) {
            TensorProto value = proto(r.get(0));
            cache.put(handle, value);
            return value;
        } catch (RuntimeException e) {
            throw new NeuroLensException("cannot read variable '" + handle + "' of the SavedModel: " + e.getMessage(), e);
        }
    }

    /** A tensor as a {@link TensorProto} with {@code tensor_content}. */
    static TensorProto proto(Tensor t) {
        RawTensor raw = t.asRawTensor();
        byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
        raw.data().read(bytes);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape().asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(t.dataType()).setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(bytes)).build();
    }

    /** The handles read so far (for tests and diagnostics). */
    public List<String> read() {
        return List.copyOf(cache.keySet());
    }
}
