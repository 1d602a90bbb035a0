package dev.neurolens.engine.onnxruntime;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's bundled model and reference tensors ({@code -Dneurolens.models}, set by the pom). */
final class TestFiles {
    private TestFiles() {
    }

    static Path models() {
        return Path.of(System.getProperty("neurolens.models", "../../models")).toAbsolutePath().normalize();
    }

    static Path resnet20() {
        return existing(models().resolve("resnet20_cifar10.onnx"));
    }

    static Path chelseaInput() {
        return existing(models().resolve("resnet20_cifar10.chelsea.input.npy"));
    }

    static Path chelseaLogits() {
        return existing(models().resolve("resnet20_cifar10.chelsea.logits.npy"));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test file missing: " + p);
        }
        return p;
    }
}
