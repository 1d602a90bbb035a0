package dev.neurolens.engine.onnxruntime.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.onnxruntime.engine.OrtEngineProvider;
import ai.onnxruntime.OrtEnvironment;
import dev.neurolens.core.NeuroLensException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started engine: natives installed, DJL's OnnxRuntime engine registered and created, and the
 * ONNX Runtime environment it made. Created once per adapter, on first use.
 */
public final class OrtRuntime {

    /** DJL's engine name for ONNX Runtime. */
    static final String ENGINE_NAME = "OnnxRuntime";

    /** DJL phones home from EC2/SageMaker machines when its engine starts unless told not to. */
    private static final String DJL_TELEMETRY_OPT_OUT = "OPT_OUT_TRACKING";

    private final Engine engine;
    private final OrtEnvironment environment;

    private OrtRuntime(Engine engine, OrtEnvironment environment) {
        this.engine = engine;
        this.environment = environment;
    }

    /**
     * Installs the natives (once per machine, under {@code cacheRoot}), registers DJL's OnnxRuntime engine explicitly (DJL's
     * ServiceLoader lookup does not see into OSGi bundles) and starts it.
     *
     * @throws NeuroLensException if the platform is unsupported or the natives fail to load
     */
    public static OrtRuntime start(Path cacheRoot) {
        OrtNatives.install(cacheRoot);
        if (System.getProperty(DJL_TELEMETRY_OPT_OUT) == null && System.getenv(DJL_TELEMETRY_OPT_OUT) == null) {
            System.setProperty(DJL_TELEMETRY_OPT_OUT, "true");
        }
        // the first logger made under this bundle's context class loader lets slf4j-simple find
        // simplelogger.properties (it looks only there), so DJL's chatter stays quiet in Felix too
        return BundleClassLoader.call(() -> {
            try {
                LoggerFactory.getLogger(OrtRuntime.class);
                Engine.registerEngine(new OrtEngineProvider());
                Engine engine = Engine.getEngine(ENGINE_NAME);
                // DJL's OrtEngine made the process-wide environment; this returns the same one
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                return new OrtRuntime(engine, env);
            } catch (RuntimeException | LinkageError e) {
                throw new NeuroLensException("ONNX Runtime " + OrtNatives.ORT_VERSION + " failed to start ("
                        + e.getMessage() + ")", e);
            }
        });
    }

    /** DJL's engine. */
    Engine engine() {
        return engine;
    }

    /** The ONNX Runtime environment (process-wide, never closed). */
    OrtEnvironment environment() {
        return environment;
    }

    /**
     * The device to run on: the GPU if asked for and ONNX Runtime has its CUDA provider, else the
     * CPU (a GPU request that cannot be met is logged, not refused).
     */
    Device device(String requested) {
        if (!requested.equals("gpu")) {
            return Device.cpu();
        }
        boolean cuda = BundleClassLoader.call(() -> engine.hasCapability(StandardCapabilities.CUDA));
        if (cuda) {
            return Device.gpu();
        }
        Logger log = LoggerFactory.getLogger(OrtRuntime.class);
        log.warn("no CUDA execution provider in ONNX Runtime {}; running on the CPU instead of the GPU",
                OrtNatives.ORT_VERSION);
        return Device.cpu();
    }
}
