package dev.neurolens.dissect;

import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.SceneGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Generated Broden datasets for the tests, and broken copies of them. */
final class Datasets {
    private Datasets() {
    }

    /** {@code count} scenes of {@code size x size} with masks of {@code mask x mask}. */
    static BrodenDataset generate(Path dir, long seed, int count, int size, int mask) {
        GeneratorConfig config = GeneratorConfig.builder().seed(seed).count(count).size(size, size)
                .maskSize(mask, mask).objects(1, 3).threads(1).build();
        return BrodenDataset.open(new SceneGenerator(config).generate(dir, Progress.NONE));
    }

    /** Rewrites every data row of {@code index.csv} (header kept) with {@code edit} on its fields. */
    static void editIndex(Path dataset, UnaryOperator<String[]> edit) throws IOException {
        Path index = dataset.resolve("index.csv");
        List<String> lines = Files.readAllLines(index);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                out.add(String.join(",", edit.apply(line.split(",", -1))));
            }
        }
        Files.write(index, out);
    }

    /** The column of {@code name} in {@code index.csv}. */
    static int column(Path dataset, String name) throws IOException {
        String header = Files.readAllLines(dataset.resolve("index.csv")).get(0);
        return List.of(header.split(",")).indexOf(name);
    }
}
