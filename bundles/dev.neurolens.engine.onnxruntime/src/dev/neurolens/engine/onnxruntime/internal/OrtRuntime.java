package dev.neurolens.engine.onnxruntime.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.onnxruntime.engine.OrtEngineProvider;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.ExecutionDevice;
import java.nio.file.Path;
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
    private final OrtNatives.Installed natives;
    private boolean cudaProbed;
    private String cudaProblem;

    private OrtRuntime(Engine engine, OrtEnvironment environment, OrtNatives.Installed natives) {
        this.engine = engine;
        this.environment = environment;
        this.natives = natives;
    }

    /**
     * Installs the natives (once per machine, under {@code cacheRoot}), registers DJL's OnnxRuntime engine explicitly (DJL's
     * ServiceLoader lookup does not see into OSGi bundles) and starts it.
     *
     * @throws NeuroLensException if the platform is unsupported or the natives fail to load
     */
    public static OrtRuntime start(Path cacheRoot) {
        OrtNatives.Installed natives = OrtNatives.install(cacheRoot);
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
                return new OrtRuntime(engine, env, natives);
            } catch (RuntimeException | LinkageError e) {
                throw new NeuroLensException(natives.describe() + " failed to start ("
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

    /** The natives ONNX Runtime runs on. */
    OrtNatives.Installed natives() {
        return natives;
    }

    /**
     * A device and what to tell users about it.
     *
     * @param device DJL's device
     * @param status the device for {@code LoadedModel.capability(ExecutionDevice.class)}
     */
    record DeviceChoice(Device device, ExecutionDevice status) {
    }

    /**
     * The device to run on: the GPU if asked for and CUDA is usable, else the CPU. A GPU request
     * that cannot be met is not refused: it falls back to the CPU, logs why and says so in the
     * returned status.
     *
     * @param requested {@code cpu} or {@code gpu}
     */
    DeviceChoice device(String requested) {
        if (!requested.equals("gpu")) {
            return new DeviceChoice(Device.cpu(), new ExecutionDevice("cpu", "cpu", natives.describe()));
        }
        String problem = cudaProblem();
        if (problem == null) {
            return new DeviceChoice(Device.gpu(), new ExecutionDevice("gpu", "gpu",
                    "CUDA execution provider, GPU 0, " + natives.describe()));
        }
        LoggerFactory.getLogger(OrtRuntime.class).warn("GPU requested, running on the CPU: {}", problem);
        return new DeviceChoice(Device.cpu(), new ExecutionDevice("gpu", "cpu", problem));
    }

    /** Why CUDA cannot be used, or {@code null} if it can (probed once). */
    private synchronized String cudaProblem() {
        if (!cudaProbed) {
            cudaProblem = probeCuda();
            cudaProbed = true;
        }
        return cudaProblem;
    }

    private String probeCuda() {
        if (natives.pkg().isPresent() && natives.pkg().get() == NativePackage.CPU) {
            return "the NeuroLens GPU feature (" + NativePackage.GPU.describe() + ") is not installed; "
                    + natives.describe() + " has no CUDA execution provider";
        }
        try (SessionOptions options = new SessionOptions()) {
            // loads the CUDA provider library, which needs the CUDA and cuDNN libraries and a driver
            options.addCUDA(0);
            return null;
        } catch (OrtException | RuntimeException | LinkageError e) {
            String message = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
            return "no usable CUDA GPU (" + message + ")";
        }
    }
}
