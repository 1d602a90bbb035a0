package dev.neurolens.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The committed Broden sample, and copies of it to break in tests. */
public final class Samples {
    private Samples() {
    }

    /**
     * {@code src_test/resources/broden-sample}, found from the bundle folder (the build passes it as
     * {@code neurolens.bundle.dir}; an IDE run starts in it).
     */
    public static Path sample() {
        return Path.of(System.getProperty("neurolens.bundle.dir", "")).toAbsolutePath()
                .resolve("src_test/resources/broden-sample").normalize();
    }

    /** A copy of the sample under {@code dir}. */
    public static Path copyOfSample(Path dir) {
        Path source = sample();
        Path target = dir.resolve("broden");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Rewrites a text file of the dataset. */
    public static void edit(Path file, UnaryOperator<String> change) {
        try {
            Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
