package dev.neurolens.launcher;

import java.util.Locale;
import java.util.Map;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Equinox's {@code Eclipse-PlatformFilter} for the embedded Felix, which ignores that header: the
 * per-platform native fragments of the ONNX Runtime engine carry one (e.g.
 * {@code (&(osgi.os=linux)(osgi.arch=x86_64))}), and the launcher installs only those that fit
 * this machine, as Equinox and p2 do.
 */
final class PlatformFilter {
    /** The manifest header. */
    static final String HEADER = "Eclipse-PlatformFilter";

    private PlatformFilter() {
    }

    /** This JVM's {@code osgi.os} and {@code osgi.arch} in Equinox's spelling. */
    static Map<String, String> current() {
        return environment(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * {@code osgi.os} and {@code osgi.arch} as Equinox derives them from the JVM's {@code os.name}
     * and {@code os.arch}: {@code linux}, {@code macosx}, {@code win32}; {@code x86_64}, {@code aarch64}.
     */
    static Map<String, String> environment(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("win") ? "win32" : name.startsWith("mac") ? "macosx" : name.replace(" ", "");
        String arch = osArch.toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
        return Map.of("osgi.os", os, "osgi.arch", arch);
    }

    /**
     * Whether a bundle with this header value may be installed in {@code environment}: no header
     * fits everywhere; a malformed one fits nowhere.
     */
    static boolean fits(String header, Map<String, String> environment) {
        if (header == null || header.isBlank()) {
            return true;
        }
        try {
            return FrameworkUtil.createFilter(header).matches(environment);
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }
}
