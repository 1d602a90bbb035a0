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
 * Opens TensorFlow SavedModel folders ({@code saved_model.pb} + {@code variables/}) through DJL's
 * TensorFlow engine. Predictions are the SavedModel's own; explanation methods run on the
 * SavedModel's graph imported into ONNX semantics, through the ONNX Runtime adapter (a service this
 * component needs) — or, with {@code -Dneurolens.tensorflow.gradients=tensorflow}, plain gradients
 * on TensorFlow (see {@link TensorFlowNativeModelAdapter}). TensorFlow starts on the first
 * {@link #open}. Ranked below the ONNX Runtime adapter (0), so that code taking "the" engine
 * service keeps getting that one; callers that pick by {@link #accepts} are unaffected.
 */
@Component(service = ModelAdapter.class, property = "service.ranking:Integer=-1")
public final class TensorFlowModelAdapter implements ModelAdapter {
    /** The adapter's id. */
    public static final String ID = "tensorflow";

    @Reference(target = "(component.name=dev.neurolens.engine.onnxruntime.OnnxRuntimeModelAdapter)")
    private ModelAdapter onnxAdapter;

    private AdapterSupport support = new AdapterSupport(null);
    private boolean nativeGradients;

    @Activate
    void activate(BundleContext context) {
        support = new AdapterSupport(context.getProperty(CacheDirectory.PROPERTY));
        nativeGradients = AdapterSupport.nativeRequested(context.getProperty(AdapterSupport.GRADIENTS_PROPERTY));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "TensorFlow SavedModel (DJL 0.36.0, TensorFlow Java " + TfNatives.VERSION + " natives)";
    }

    /** A folder with {@code saved_model.pb}. */
    @Override
    public boolean accepts(Path model) {
        return SavedModelFolder.looksLike(model);
    }

    @Override
    public LoadedModel open(Path model, ModelOptions options) {
        return support.open(model, options, onnxAdapter, nativeGradients);
    }
}
