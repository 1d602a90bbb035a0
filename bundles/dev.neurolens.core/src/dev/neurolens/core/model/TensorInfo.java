package dev.neurolens.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Name, element type and shape of a model input, output or intermediate tensor.
 *
 * @param name tensor name in the model graph
 * @param elementType element type in ONNX spelling, e.g. {@code float}, {@code int64}
 * @param dims dimensions; {@code -1} where the size is not fixed (e.g. the batch axis)
 * @param dimNames symbolic names of the dimensions ({@code ""} where there is none)
 */
public record TensorInfo(String name, String elementType, List<Long> dims, List<String> dimNames) {

    /** Compact constructor: copies the lists. */
    public TensorInfo {
        dims = List.copyOf(dims);
        dimNames = List.copyOf(dimNames);
        if (dimNames.size() != dims.size()) {
            throw new IllegalArgumentException("dims and dimNames differ in length");
        }
    }

    /** A tensor info with unnamed dimensions. */
    public static TensorInfo of(String name, String elementType, List<Long> dims) {
        return new TensorInfo(name, elementType, dims, dims.stream().map(d -> "").toList());
    }

    /** Whether the shape is unknown (no dimensions recorded). */
    public boolean shapeKnown() {
        return !dims.isEmpty();
    }

    /** The shape as text, e.g. {@code [batch, 3, 32, 32]}. */
    public String shapeString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            long d = dims.get(i);
            sb.append(d >= 0 ? Long.toString(d) : dimNames.get(i).isEmpty() ? "?" : dimNames.get(i));
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return name + ": " + elementType + " " + shapeString();
    }

    /** Joins the shapes of several tensors, for one-line listings. */
    public static String shapes(List<TensorInfo> infos) {
        return infos.stream().map(TensorInfo::shapeString).collect(Collectors.joining(", "));
    }
}
