package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/** A layer in the Properties view: name, op, inputs, output shapes, parameters and attributes (read-only). */
final class LayerPropertySource implements IPropertySource {
    private static final String LAYER = "Layer";
    private static final String ATTRIBUTES = "Attributes";

    private final Map<String, String> values = new java.util.LinkedHashMap<>();
    private final Map<String, String> categories = new java.util.HashMap<>();

    LayerPropertySource(LayerInfo layer) {
        put(LAYER, "name", layer.name());
        put(LAYER, "op", layer.opType());
        put(LAYER, "inputs", String.join(", ", layer.inputs()));
        for (TensorInfo out : layer.outputs()) {
            put(LAYER, "output " + out.name(), out.elementType() + " " + out.shapeString());
        }
        put(LAYER, "parameters", String.format("%,d", layer.parameterCount()));
        layer.attributes().forEach((k, v) -> put(ATTRIBUTES, k, v));
    }

    private void put(String category, String key, String value) {
        values.put(key, value);
        categories.put(key, category);
    }

    @Override
    public Object getEditableValue() {
        return this;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        List<IPropertyDescriptor> out = new ArrayList<>();
        for (String key : values.keySet()) {
            PropertyDescriptor d = new PropertyDescriptor(key, key);
            d.setCategory(categories.get(key));
            out.add(d);
        }
        return out.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only
    }

    /** The value of a property, for tests. */
    String value(String key) {
        return values.get(key);
    }
}
