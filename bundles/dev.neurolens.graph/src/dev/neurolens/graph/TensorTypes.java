package dev.neurolens.graph;

import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorShapeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TypeProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Element type names, shapes and sizes of ONNX tensors, in the core's {@link TensorInfo} terms. */
public final class TensorTypes {

    /** The element type name used when a tensor's type is not recorded in the model. */
    public static final String UNKNOWN = "unknown";

    private TensorTypes() {
    }

    /**
     * The ONNX spelling of an element type, e.g. {@code float}, {@code int64}, {@code float16}.
     *
     * @param elemType a {@code TensorProto.DataType} number
     */
    public static String elementTypeName(int elemType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(elemType);
        if (type == null || type == TensorProto.DataType.UNDEFINED) {
            return UNKNOWN;
        }
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The name, element type and shape recorded in a value info. Dimensions without a value are
     * {@code -1}, named after their {@code dim_param} where there is one; a tensor without a
     * recorded shape gets no dimensions.
     */
    public static TensorInfo tensorInfo(ValueInfoProto value) {
        TypeProto type = value.getType();
        if (!type.hasTensorType()) {
            String kind = type.getValueCase() == TypeProto.ValueCase.VALUE_NOT_SET ? UNKNOWN
                    : type.getValueCase().name().toLowerCase(Locale.ROOT).replace("_type", "");
            return TensorInfo.of(value.getName(), kind, List.of());
        }
        TypeProto.Tensor tensor = type.getTensorType();
        String elementType = elementTypeName(tensor.getElemType());
        List<Long> dims = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (tensor.hasShape()) {
            for (TensorShapeProto.Dimension d : tensor.getShape().getDimList()) {
                dims.add(d.hasDimValue() ? d.getDimValue() : -1L);
                names.add(d.hasDimParam() ? d.getDimParam() : "");
            }
        }
        return new TensorInfo(value.getName(), elementType, dims, names);
    }

    /** Number of elements a tensor holds (1 for a scalar). */
    public static long elementCount(TensorProto tensor) {
        long n = 1;
        for (long d : tensor.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** The shape of a constant tensor, e.g. {@code [16, 3, 3, 3]}. */
    public static String shapeText(TensorProto tensor) {
        return tensor.getDimsList().toString();
    }
}
