package dev.neurolens.engine.tensorflow;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.engine.tensorflow.internal.CacheDirectory;
import dev.neurolens.engine.tensorflow.internal.SavedModelFolder;
import dev.neurolens.engine.tensorflow.internal.SavedModelOpener;
import dev.neurolens.engine.tensorflow.internal.TfNatives;
import dev.neurolens.engine.tensorflow.internal.TfRuntime;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens TensorFlow SavedModel folders ({@code saved_model.pb} + {@code variables/}) through DJL's
 * TensorFlow engine. Predictions are the SavedModel's own; every explanation method runs on the
 * SavedModel's graph imported into ONNX semantics, through the ONNX Runtime adapter (a service this
 * component needs). Registered by Declarative Services; TensorFlow starts on the first
 * {@link #open}.
 */
@Component(service = ModelAdapter.class)
public final class TensorFlowModelAdapter implements ModelAdapter {
    /** The adapter's id. */
    public static final String ID = "tensorflow";

    @Reference(target = "(component.name=dev.neurolens.engine.onnxruntime.OnnxRuntimeModelAdapter)")
    private ModelAdapter onnxAdapter;

    private Path cacheRoot = CacheDirectory.root(null);
    private TfRuntime runtime;

    @Activate
    void activate(BundleContext context) {
        cacheRoot = CacheDirectory.root(context.getProperty(CacheDirectory.PROPERTY));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "TensorFlow SavedModel (DJL 0.36.0, TensorFlow Java " + TfNatives.VERSION
                + " natives; explanations on the imported graph)";
    }

    /** A folder with {@code saved_model.pb}. */
    @Override
    public boolean accepts(Path model) {
        return SavedModelFolder.looksLike(model);
    }

    @Override
    public LoadedModel open(Path model, ModelOptions options) {
        return new SavedModelOpener(this::runtime, onnxAdapter, cacheRoot, imported -> Optional.empty())
                .open(model, options);
    }

    private synchronized TfRuntime runtime() {
        if (runtime == null) {
            runtime = TfRuntime.start(cacheRoot);
        }
        return runtime;
    }
}
