package dev.neurolens.tests.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the installed product's Equinox launcher in a child JVM. */
final class Processes {
    /** Exit code and the combined output of one run. */
    record Result(int exit, String output) {
    }

    private Processes() {
    }

    /**
     * Runs {@code java [jvmArgs] -jar <eclipse>/plugins/org.eclipse.equinox.launcher_*.jar [args]}
     * in {@code eclipse}, waiting at most {@code seconds}.
     */
    static Result eclipse(Path eclipse, List<String> jvmArgs, List<String> args, Path log, long seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(launcherJar(eclipse).toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(eclipse.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", args) + " did not finish in " + seconds + " s; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Path launcherJar(Path eclipse) throws IOException {
        try (Stream<Path> s = Files.list(eclipse.resolve("plugins"))) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no Equinox launcher in " + eclipse));
        }
    }

    /** Copies a folder tree. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
