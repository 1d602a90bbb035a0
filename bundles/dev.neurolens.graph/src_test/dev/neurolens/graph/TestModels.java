package dev.neurolens.graph;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's bundled models are: {@code -Dneurolens.models} (set by the pom) or ../../models. */
final class TestModels {
    private TestModels() {
    }

    static Path resnet20() {
        Path dir = Path.of(System.getProperty("neurolens.models", "../../models"));
        Path model = dir.resolve("resnet20_cifar10.onnx");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("test model not found at " + model.toAbsolutePath());
        }
        return model;
    }
}
