package dev.neurolens.engine.tensorflow.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Installs TensorFlow's native libraries once per machine. DJL 0.36's TensorFlow engine wants
 * TensorFlow 2.16 natives that are not on Maven Central under its own name; the libraries of
 * TensorFlow Java ({@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1}) work with it. The build
 * unpacks them into the per-platform fragment {@code dev.neurolens.engine.tensorflow.<os>.<arch>}
 * (at {@code org/tensorflow/internal/c_api/<platform>/}, as in TensorFlow Java's jar); here they are
 * copied into {@code <cache>/natives/tensorflow-<version>/<platform>/} (atomically, skipped when
 * present with the right size) and DJL is pointed there with {@code TENSORFLOW_LIBRARY_PATH}.
 *
 * <p>System properties are process-wide, unavoidably: DJL and JavaCPP read only them.
 */
public final class TfNatives {
    /** The TensorFlow Java release whose natives the fragment holds. */
    public static final String VERSION = "1.0.0-rc.1";
    /** DJL's property (or environment variable) naming the folder with {@code libjnitensorflow}. */
    static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";
    private static final List<String> LINUX_LIBRARIES = List.of("libtensorflow_framework.so.2",
            "libtensorflow_cc.so.2", "libjnitensorflow.so");

    private TfNatives() {
    }

    /**
     * Makes sure the natives are in the cache and points DJL at them (unless
     * {@code TENSORFLOW_LIBRARY_PATH} is set already, then those libraries are used).
     *
     * @return the folder the libraries load from
     * @throws NeuroLensException on a platform without natives, or if the cache cannot be written
     */
    public static Path install(Path cacheRoot) {
        String preset = System.getProperty(LIBRARY_PATH, System.getenv(LIBRARY_PATH));
        if (preset != null && !preset.isBlank()) {
            return Path.of(preset);
        }
        String platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        Path dir = cacheRoot.resolve("natives").resolve("tensorflow-" + VERSION).resolve(platform);
        try {
            Files.createDirectories(dir);
            for (String lib : LINUX_LIBRARIES) {
                copy(platform, "org/tensorflow/internal/c_api/" + platform + "/" + lib, dir.resolve(lib));
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot install the TensorFlow native libraries into " + dir + " ("
                    + e.getMessage() + "); set -D" + CacheDirectory.PROPERTY + "=<a writable folder>", e);
        }
        quietNativeLogging();
        System.setProperty(LIBRARY_PATH, dir.toString());
        // JavaCPP, which loads them, keeps its own cache: inside NeuroLens' one, not ~/.javacpp
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", cacheRoot.resolve("javacpp").toString());
        }
        return dir;
    }

    /** TensorFlow Java's platform name, e.g. {@code linux-x86_64}; only Linux x86-64 has natives now. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        throw new NeuroLensException("the TensorFlow engine runs on Linux x86-64 only for now; this machine is "
                + osName + ", " + osArch);
    }

    /**
     * TensorFlow's C++ logging prints to stderr unless {@code TF_CPP_MIN_LOG_LEVEL} is set in the
     * environment before the library loads; the CLI must print only its own messages.
     */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static void quietNativeLogging() {
        if (System.getenv("TF_CPP_MIN_LOG_LEVEL") != null) {
            return;
        }
        try {
            Native.load("c", LibC.class).setenv("TF_CPP_MIN_LOG_LEVEL", "2", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // only log noise is at stake
        }
    }

    private static void copy(String platform, String resource, Path target) throws IOException {
        URL url = TfNatives.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new NeuroLensException("the TensorFlow natives for " + platform + " are not installed (no " + resource
                    + "); install the fragment dev.neurolens.engine.tensorflow." + platform.replace('-', '.'));
        }
        URLConnection connection = url.openConnection();
        long expected = connection.getContentLengthLong();
        if (expected >= 0 && Files.isRegularFile(target) && Files.size(target) == expected) {
            return;
        }
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
