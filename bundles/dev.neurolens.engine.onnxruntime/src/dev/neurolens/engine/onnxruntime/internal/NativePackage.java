package dev.neurolens.engine.onnxruntime.internal;

import java.util.List;

/**
 * The two builds of ONNX Runtime's natives that NeuroLens ships, each in its own fragments of the
 * engine bundle: the CPU build (Maven Central's {@code onnxruntime}, one fragment per platform, in
 * the main feature) and the CUDA build ({@code onnxruntime_gpu}, Linux x86-64 only, in the optional
 * GPU feature). The CUDA build also runs models on the CPU, so it is preferred when installed.
 */
public enum NativePackage {
    /** {@code com.microsoft.onnxruntime:onnxruntime}: the CPU execution provider only. */
    CPU("onnxruntime", OrtNatives.ORT_VERSION, "native", List.of("onnxruntime", "onnxruntime4j_jni")),

    /**
     * {@code com.microsoft.onnxruntime:onnxruntime_gpu}: CPU, CUDA and TensorRT execution providers.
     * Maven Central has no 1.21.1 of it; 1.21.0 has the same JNI entry points as the Java classes
     * of 1.21.1 this bundle embeds (checked with {@code nm -D} on both JNI libraries).
     */
    GPU("onnxruntime-gpu", "1.21.0", "native-gpu", List.of("onnxruntime", "onnxruntime4j_jni",
            "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt"));

    private final String cacheName;
    private final String version;
    private final String folder;
    private final List<String> libraries;

    NativePackage(String cacheName, String version, String folder, List<String> libraries) {
        this.cacheName = cacheName;
        this.version = version;
        this.folder = folder;
        this.libraries = libraries;
    }

    /** The ONNX Runtime version of these natives. */
    public String version() {
        return version;
    }

    /** The libraries by base name ({@link OrtNatives#fileName} maps them per platform). */
    List<String> libraries() {
        return libraries;
    }

    /** The folder of a platform's natives inside the fragment, e.g. {@code ai/onnxruntime/native/linux-x64/}. */
    String resourceFolder(String platform) {
        return "ai/onnxruntime/" + folder + "/" + platform + "/";
    }

    /** The cache folder's name for these natives, e.g. {@code onnxruntime-1.21.1}. */
    String cacheFolder() {
        return cacheName + "-" + version;
    }

    /** For users, e.g. {@code ONNX Runtime 1.21.0 CUDA build}. */
    public String describe() {
        return "ONNX Runtime " + version + (this == GPU ? " CUDA build" : " CPU build");
    }
}
