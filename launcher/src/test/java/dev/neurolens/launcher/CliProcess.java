package dev.neurolens.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher in a child JVM, the way the {@code ./neurolens} script does, and captures
 * its exit code and output. One framework per JVM: native libraries load into one class loader only.
 */
final class CliProcess {
    static final Path HOME = Path.of(System.getProperty("neurolens.home", "..")).toAbsolutePath().normalize();
    private static final String CLASSES = System.getProperty("neurolens.test.classes", "target/classes");
    private static final String FRAMEWORK = System.getProperty("neurolens.test.framework",
            "target/lib/org.apache.felix.framework.jar");
    private static final String BUNDLES = System.getProperty("neurolens.test.bundles", "target/bundles");

    /** Exit code and the two output streams of one run. */
    record Result(int exit, String out, String err) {
        /**
         * The non-blank lines of standard error other than progress-bar lines ({@code [###   ] 25% …}):
         * on a loaded machine a slow command legitimately shows progress (after one second) before
         * it fails, and the tests are about the messages, not the timing.
         */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank() && !l.matches("^\\[[# ]*\\] +\\d+% .*")).toList();
        }
    }

    private CliProcess() {
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), args);
    }

    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = start(workDir, env, out, err, args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("neurolens " + String.join(" ", args) + " did not finish in 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /**
     * Starts the launcher without waiting for it (for tests that interrupt it), its standard output
     * and error going to the two files.
     */
    static Process start(Path workDir, Map<String, String> env, Path out, Path err, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-Dneurolens.home=" + HOME);
        cmd.add("-Dneurolens.bundles=" + Path.of(BUNDLES).toAbsolutePath());
        cmd.add("-cp");
        cmd.add(Path.of(CLASSES).toAbsolutePath() + File.pathSeparator + Path.of(FRAMEWORK).toAbsolutePath());
        cmd.add("dev.neurolens.launcher.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("NEUROLENS_PLUGINS");
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** Reads a float32 little-endian .npy file's values (test helper, independent of the product's reader). */
    static float[] readNpyFloats(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'")) {
            throw new IOException("not float32 LE: " + header);
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(v);
        return v;
    }

    /**
     * Writes a float32 little-endian .npy file (test helper, independent of the product's writer).
     *
     * @param shape the shape as numpy prints it, e.g. {@code (1, 3, 32, 32)}
     */
    static void writeNpy(Path file, float[] values, String shape) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 4 * values.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }
}
