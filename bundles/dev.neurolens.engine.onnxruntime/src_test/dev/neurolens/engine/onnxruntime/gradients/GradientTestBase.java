package dev.neurolens.engine.onnxruntime.gradients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestInstance;

/**
 * One dynamic test per {@link GradientCase}, checked by a {@link GradientChecker} that lives as
 * long as the test class; the measured errors are printed when the class is done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GradientTestBase {
    private Path dir;
    private GradientChecker checker;

    @BeforeAll
    void startEngine() throws Exception {
        dir = Files.createTempDirectory("neurolens-gradients");
        checker = GradientChecker.start(getClass().getSimpleName(), dir);
    }

    @AfterAll
    void stopEngine() throws IOException {
        checker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Stream<DynamicTest> check(List<GradientCase> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checker.check(c)));
    }

    GradientChecker checker() {
        return checker;
    }
}
