package dev.neurolens.engine.tensorflow.internal;

import ai.djl.engine.Engine;
import ai.djl.tensorflow.engine.TfEngineProvider;
import dev.neurolens.core.NeuroLensException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The started TensorFlow engine: natives installed, DJL's TensorFlow engine registered and created
 * (which loads the natives). Created once per adapter, on first use.
 */
public final class TfRuntime {
    /** DJL's engine name. */
    public static final String ENGINE_NAME = "TensorFlow";
    private static final String DJL_TELEMETRY_OPT_OUT = "OPT_OUT_TRACKING";

    private final Engine engine;
    private final Path natives;

    private TfRuntime(Engine engine, Path natives) {
        this.engine = engine;
        this.natives = natives;
    }

    /**
     * Installs the natives under {@code cacheRoot} and starts DJL's TensorFlow engine.
     *
     * @throws NeuroLensException if the platform is unsupported or the natives fail to load
     */
    public static TfRuntime start(Path cacheRoot) {
        Path natives = TfNatives.install(cacheRoot);
        if (System.getProperty(DJL_TELEMETRY_OPT_OUT) == null && System.getenv(DJL_TELEMETRY_OPT_OUT) == null) {
            System.setProperty(DJL_TELEMETRY_OPT_OUT, "true");
        }
        return BundleClassLoader.call(() -> {
            try {
                LoggerFactory.getLogger(TfRuntime.class);
                Engine.registerEngine(new TfEngineProvider());
                Engine engine = Engine.getEngine(ENGINE_NAME);
                return new TfRuntime(engine, natives);
            } catch (RuntimeException | LinkageError e) {
                throw new NeuroLensException("TensorFlow (natives in " + natives + ") failed to start (" + e.getMessage()
                        + ")", e);
            }
        });
    }

    /** For users: engine and version, e.g. {@code TensorFlow 2.16.1 (DJL 0.36.0)}. */
    public String describe() {
        return ENGINE_NAME + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }

    /** DJL's engine. */
    Engine engine() {
        return engine;
    }
}
