package dev.neurolens.engine.onnxruntime.internal;

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
import java.util.Optional;

/**
 * Installs the ONNX Runtime native libraries once per machine. They come with a per-platform
 * fragment of this bundle ({@code dev.neurolens.engine.onnxruntime.<os>.<arch>}, holding
 * {@code ai/onnxruntime/native/<platform>/} as in ONNX Runtime's own jar). ONNX Runtime's Java API
 * would otherwise unpack its 20 MB library into a fresh temp folder in every JVM; instead they are
 * copied from the fragment into
 * {@code <cache>/natives/onnxruntime-<version>/<platform>/} (atomically, skipped when present with
 * the right size) and ONNX Runtime is pointed there with the system property
 * {@code onnxruntime.native.path}, which {@code ai.onnxruntime.OnnxRuntime} reads when it loads.
 */
public final class OrtNatives {

    /** The ONNX Runtime version whose natives this bundle embeds. */
    public static final String ORT_VERSION = "1.21.1";

    /** ONNX Runtime's property naming a folder that holds its native libraries. */
    static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    /** Platforms (ONNX Runtime's spelling) for which a native fragment exists. */
    static final List<String> SUPPORTED_PLATFORMS = List.of("linux-x64", "linux-aarch64", "osx-x64", "osx-aarch64",
            "win-x64");

    private OrtNatives() {
    }

    /**
     * The natives ONNX Runtime loads: from {@code dir}, of {@code pkg} (empty when the user pointed
     * {@code onnxruntime.native.path} at libraries of their own).
     *
     * @param dir the folder holding the libraries
     * @param pkg the package they come from
     */
    public record Installed(Path dir, Optional<NativePackage> pkg) {
        /** For users: which build of ONNX Runtime runs the models. */
        public String describe() {
            return pkg.map(NativePackage::describe).orElse("ONNX Runtime natives from " + dir);
        }
    }

    /**
     * Makes sure the natives are in the cache and sets {@code onnxruntime.native.path} to them,
     * unless the user set that property already (then their libraries are used). The CUDA build
     * is taken when its fragment (the GPU feature) is installed, else the CPU build.
     *
     * <p>The property is process-wide state, and unavoidably so: ONNX Runtime loads its natives
     * once per JVM and reads only this property to find them.
     *
     * @param cacheRoot NeuroLens' cache folder
     * @return where ONNX Runtime will load its natives from
     * @throws NeuroLensException on an unsupported platform or if the cache cannot be written
     */
    public static Installed install(Path cacheRoot) {
        String preset = System.getProperty(NATIVE_PATH_PROPERTY);
        if (preset != null && !preset.isBlank()) {
            return new Installed(Path.of(preset), Optional.empty());
        }
        String platform = currentPlatform();
        NativePackage pkg = preferred(platform);
        Path dir = extract(cacheRoot, platform, pkg);
        System.setProperty(NATIVE_PATH_PROPERTY, dir.toString());
        return new Installed(dir, Optional.of(pkg));
    }

    /** The CUDA build if its fragment is installed for {@code platform}, else the CPU build. */
    static NativePackage preferred(String platform) {
        String gpuCore = NativePackage.GPU.resourceFolder(platform) + fileName("onnxruntime", platform);
        return OrtNatives.class.getClassLoader().getResource(gpuCore) != null ? NativePackage.GPU : NativePackage.CPU;
    }

    /** This machine's platform in ONNX Runtime's spelling. */
    static String currentPlatform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Copies the natives of {@code pkg} for {@code platform} (ONNX Runtime's spelling) from its
     * fragment into {@code <cacheRoot>/natives/<package>-<version>/<platform>/}, leaving files that
     * are there with the right size alone.
     *
     * @return the folder holding the natives
     * @throws NeuroLensException if the platform's fragment is not installed or the folder cannot be written
     */
    static Path extract(Path cacheRoot, String platform, NativePackage pkg) {
        Path dir = cacheRoot.resolve("natives").resolve(pkg.cacheFolder()).resolve(platform);
        try {
            Files.createDirectories(dir);
            for (String library : pkg.libraries()) {
                String file = fileName(library, platform);
                installLibrary(platform, pkg.resourceFolder(platform) + file, dir.resolve(file));
            }
        } catch (IOException e) {
            throw new NeuroLensException("cannot install the ONNX Runtime native libraries into " + dir + " ("
                    + e.getMessage() + "); set -D" + CacheDirectory.PROPERTY + "=<a writable folder>", e);
        }
        return dir;
    }

    /**
     * A platform in ONNX Runtime's spelling, e.g. {@code linux-x64} for Linux on amd64.
     *
     * @throws NeuroLensException if no native fragment exists for it
     */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String family = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : os;
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        String platform = family + "-" + archName;
        if (!SUPPORTED_PLATFORMS.contains(platform)) {
            throw new NeuroLensException("the ONNX Runtime engine supports " + String.join(", ", SUPPORTED_PLATFORMS)
                    + " only; this machine is " + platform + " (" + osName + ", " + osArch + ")");
        }
        return platform;
    }

    /** A library's file name on {@code platform}, e.g. {@code libonnxruntime.so} for {@code onnxruntime} on Linux. */
    static String fileName(String library, String platform) {
        return platform.startsWith("win") ? library + ".dll"
                : "lib" + library + (platform.startsWith("osx") ? ".dylib" : ".so");
    }

    /**
     * The native fragment for {@code platform} in OSGi's spelling, e.g.
     * {@code dev.neurolens.engine.onnxruntime.linux.x86_64} for {@code linux-x64}.
     */
    static String fragmentName(String platform) {
        String[] osArch = platform.split("-", 2);
        String os = switch (osArch[0]) {
            case "osx" -> "macosx";
            case "win" -> "win32";
            default -> osArch[0];
        };
        return "dev.neurolens.engine.onnxruntime." + os + "." + (osArch[1].equals("x64") ? "x86_64" : osArch[1]);
    }

    private static void installLibrary(String platform, String resource, Path target) throws IOException {
        URL url = OrtNatives.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new NeuroLensException("the ONNX Runtime natives for " + platform + " are not installed (no "
                    + resource + "); install the fragment " + fragmentName(platform)
                    + " (the NeuroLens feature does so on this platform)");
        }
        URLConnection connection = url.openConnection();
        long expected = connection.getContentLengthLong();
        if (expected >= 0 && Files.isRegularFile(target) && Files.size(target) == expected) {
            return;
        }
        // another JVM may be installing the same file: write privately, then move into place at once
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
