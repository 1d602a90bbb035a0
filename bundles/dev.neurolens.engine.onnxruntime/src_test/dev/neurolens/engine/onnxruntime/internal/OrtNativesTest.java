package dev.neurolens.engine.onnxruntime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtNativesTest {
    @TempDir
    Path cache;

    @Test
    void extractsOnceAndRepairsWrongSizes() throws IOException {
        Path dir = OrtNatives.extract(cache);
        assertEquals(cache.resolve("natives/onnxruntime-1.21.1/linux-x64"), dir);
        Path lib = dir.resolve("libonnxruntime.so");
        Path jni = dir.resolve("libonnxruntime4j_jni.so");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, old);
        long size = Files.size(lib);

        OrtNatives.extract(cache);
        assertEquals(old, Files.getLastModifiedTime(lib), "present with the right size: left alone");

        Files.write(jni, new byte[10]);
        OrtNatives.extract(cache);
        assertEquals(80_160, Files.size(jni), "a truncated copy is replaced");
        assertEquals(size, Files.size(lib));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
    }

    @Test
    void platforms() {
        assertEquals("linux-x64", OrtNatives.platform("Linux", "amd64"));
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> OrtNatives.platform("Mac OS X", "aarch64"));
        assertEquals("the ONNX Runtime engine supports linux-x64 only; this machine is osx-aarch64 (Mac OS X, aarch64)",
                e.getMessage());
    }
}
