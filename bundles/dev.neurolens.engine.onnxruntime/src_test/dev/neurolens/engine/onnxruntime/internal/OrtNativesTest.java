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
        Path dir = OrtNatives.extract(cache, "linux-x64", NativePackage.CPU);
        assertEquals(cache.resolve("natives/onnxruntime-1.21.1/linux-x64"), dir);
        Path lib = dir.resolve("libonnxruntime.so");
        Path jni = dir.resolve("libonnxruntime4j_jni.so");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, old);
        long size = Files.size(lib);

        OrtNatives.extract(cache, "linux-x64", NativePackage.CPU);
        assertEquals(old, Files.getLastModifiedTime(lib), "present with the right size: left alone");

        Files.write(jni, new byte[10]);
        OrtNatives.extract(cache, "linux-x64", NativePackage.CPU);
        assertEquals(80_160, Files.size(jni), "a truncated copy is replaced");
        assertEquals(size, Files.size(lib));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
    }

    @Test
    void theCpuBuildWithoutTheGpuFragment() {
        // this test runtime has the CPU natives only (no GPU feature)
        assertEquals(NativePackage.CPU, OrtNatives.preferred("linux-x64"));
        assertEquals("natives/onnxruntime-gpu-1.21.0/linux-x64", "natives/" + NativePackage.GPU.cacheFolder()
                + "/linux-x64");
        assertEquals("ai/onnxruntime/native-gpu/linux-x64/", NativePackage.GPU.resourceFolder("linux-x64"));
    }

    @Test
    void platforms() {
        assertEquals("linux-x64", OrtNatives.platform("Linux", "amd64"));
        assertEquals("osx-aarch64", OrtNatives.platform("Mac OS X", "aarch64"));
        assertEquals("win-x64", OrtNatives.platform("Windows 11", "amd64"));
        NeuroLensException e = assertThrows(NeuroLensException.class,
                () -> OrtNatives.platform("SunOS", "sparcv9"));
        assertEquals("the ONNX Runtime engine supports linux-x64, linux-aarch64, osx-x64, osx-aarch64, win-x64 only;"
                + " this machine is sunos-sparcv9 (SunOS, sparcv9)", e.getMessage());
    }

    @Test
    void libraryAndFragmentNamesPerPlatform() {
        assertEquals("libonnxruntime4j_jni.so", OrtNatives.fileName("onnxruntime4j_jni", "linux-aarch64"));
        assertEquals("libonnxruntime.dylib", OrtNatives.fileName("onnxruntime", "osx-x64"));
        assertEquals("onnxruntime.dll", OrtNatives.fileName("onnxruntime", "win-x64"));
        assertEquals("dev.neurolens.engine.onnxruntime.linux.x86_64", OrtNatives.fragmentName("linux-x64"));
        assertEquals("dev.neurolens.engine.onnxruntime.macosx.aarch64", OrtNatives.fragmentName("osx-aarch64"));
        assertEquals("dev.neurolens.engine.onnxruntime.win32.x86_64", OrtNatives.fragmentName("win-x64"));
    }

    @Test
    void aMissingFragmentIsNamed() {
        // this test runtime carries the linux-x64 natives only (as the linux.x86_64 fragment would)
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> OrtNatives.extract(cache, "win-x64", NativePackage.CPU));
        assertEquals("the ONNX Runtime natives for win-x64 are not installed (no ai/onnxruntime/native/win-x64/"
                + "onnxruntime.dll); install the fragment dev.neurolens.engine.onnxruntime.win32.x86_64"
                + " (the NeuroLens feature does so on this platform)", e.getMessage());
    }
}
