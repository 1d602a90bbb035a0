package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Felix with the runtime bundle set, in this JVM (no engine is started). */
class OsgiRuntimeTest {
    private static final String NATIVES = "dev.neurolens.engine.onnxruntime.";

    @TempDir
    Path cache;

    @Test
    void installsOnlyThisPlatformsNativeFragment() throws Exception {
        List<Path> jars;
        try (var s = Files.list(Path.of(System.getProperty("neurolens.test.bundles", "target/bundles")))) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        assertEquals(5, jars.stream().filter(p -> p.getFileName().toString().startsWith(NATIVES)).count(),
                "the bundle set carries the natives of every platform: " + jars);
        try (OsgiRuntime runtime = OsgiRuntime.start(jars, cache)) {
            assertEquals(List.of(), runtime.problems());
            List<String> natives = runtime.bundleStates().stream().filter(b -> b.startsWith(NATIVES)).toList();
            String expected = NATIVES + (PlatformFilter.current().get("osgi.os") + "." + PlatformFilter.current()
                    .get("osgi.arch"));
            assertEquals(1, natives.size(), "one native fragment: " + natives);
            assertTrue(natives.get(0).startsWith(expected + " "), natives.get(0));
            // a fragment shows as RESOLVED once attached to its started host
            assertTrue(natives.get(0).endsWith(" RESOLVED"), natives.get(0));
            assertTrue(runtime.awaitDeclaredServices(10_000).isEmpty(), "every DS component has its services");
        }
    }
}
