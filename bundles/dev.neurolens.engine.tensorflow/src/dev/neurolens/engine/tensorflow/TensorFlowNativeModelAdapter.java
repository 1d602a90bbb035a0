package dev.neurolens.engine.tensorflow;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.engine.tensorflow.internal.AdapterSupport;
import dev.neurolens.engine.tensorflow.internal.CacheDirectory;
import dev.neurolens.engine.tensorflow.internal.SavedModelFolder;
import dev.neurolens.engine.tensorflow.internal.TfNatives;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The same SavedModel engine as {@link TensorFlowModelAdapter}, with plain-gradient methods
 * (Saliency, Gradient × Input, Integrated Gradients, SmoothGrad, Grad-CAM, Grad-CAM++) computed by
 * TensorFlow's own symbolic gradients on the SavedModel's flattened graph; methods that replace
 * backward rules (Guided Backprop, DeconvNet, LRP) still run on the imported graph in ONNX Runtime.
 * Ranked below the default adapter: chosen through the engine preference (id
 * {@value #ID}).
 */
@Component(service = ModelAdapter.class, property = "service.ranking:Integer=-10")
public final class TensorFlowNativeModelAdapter implements ModelAdapter {
    /** The adapter's id. */
    public static final String ID = "tensorflow-native";

    @Reference(target = "(component.name=dev.neurolens.engine.onnxruntime.OnnxRuntimeModelAdapter)")
    private ModelAdapter onnxAdapter;

    private AdapterSupport support = new AdapterSupport(null);

    @Activate
    void activate(BundleContext context) {
        support = new AdapterSupport(context.getProperty(CacheDirectory.PROPERTY));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "TensorFlow SavedModel, gradients on TensorFlow (DJL 0.36.0, TensorFlow Java " + TfNatives.VERSION
                + " natives)";
    }

    /** A folder with {@code saved_model.pb}. */
    @Override
    public boolean accepts(Path model) {
        return SavedModelFolder.looksLike(model);
    }

    @Override
    public LoadedModel open(Path model, ModelOptions options) {
        return support.open(model, options, onnxAdapter, true);
    }
}
