package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.featurevis.FilterGrids;
import dev.neurolens.featurevis.ImageGrid;
import dev.neurolens.featurevis.Layers;
import dev.neurolens.graph.GraphRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code neurolens filters}: a convolution's weights as image grids. */
final class FiltersCommand implements Command {

    @Override
    public String name() {
        return "filters";
    }

    @Override
    public String summary() {
        return "show a convolution's filters: RGB tiles (first layer) and per-input-channel grids";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens filters --model MODEL [--layer L] [--out DIR]

                Writes the weights of a Conv layer as pictures to DIR (default neurolens-out/filters):
                  <layer>.rgb.png        layers on RGB input: one tile per filter, each min-max scaled
                  <layer>.channels.png   every layer: a row per filter, a tile per input channel,
                                         blue (negative) - white (0) - red (positive), one scale

                Options:
                  --model MODEL          an .onnx file
                  --layer L              a Conv node name from 'neurolens info' (default: the first)
                  --out DIR              where to write

                Example:
                  neurolens filters --model models/resnet20_cifar10.onnx
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "out"), Set.of());
        Path modelPath = Session.path(args.required("model"));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/filters"));
        try (LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
            String layer = args.value("layer").orElseGet(() -> Layers.firstConv(model.info()));
            GraphRunner runner = model.capability(GraphRunner.class).orElseThrow(() -> new NeuroLensException(
                    "the engine does not expose the graph of " + modelPath.getFileName()));
            FilterGrids.ConvWeights w = FilterGrids.weights(runner.model(), layer);
            String stem = layer.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^_+", "");
            byte[] rgb = w.inputs() == 3 ? Png.encode(ImageGrid.grid(FilterGrids.rgbFilters(w), 8,
                    ImageGrid.zoomFor(w.shape()[3], 48), 4)) : null;
            BufferedImage channels = FilterGrids.perChannelGrid(w, ImageGrid.zoomFor(w.shape()[3], 12), 1);
            byte[] grid = Png.encode(channels);
            if (rgb != null) {
                AtomicFiles.write(out.resolve(stem + ".rgb.png"), o -> o.write(rgb));
                session.out().println(w.outputs() + " RGB filters of " + layer + ": "
                        + Session.show(out.resolve(stem + ".rgb.png")));
            }
            AtomicFiles.write(out.resolve(stem + ".channels.png"), o -> o.write(grid));
            session.out().println(w.outputs() + " x " + w.inputs() + " kernels of " + layer + " ("
                    + w.shape()[2] + "x" + w.shape()[3] + "): " + Session.show(out.resolve(stem + ".channels.png")));
        }
        return 0;
    }
}
