package dev.neurolens.cli;

import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.featurevis.ActivationGrids;
import dev.neurolens.featurevis.ImageGrid;
import dev.neurolens.featurevis.Layers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code neurolens activations}: a layer's activation maps for an image, as a grid. */
final class ActivationsCommand implements Command {

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String summary() {
        return "show a layer's activation maps for an image as a grid of channels";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens activations --model MODEL --image IMAGE [--layer L] [--out DIR]

                Runs the model on the image and writes, to DIR (default neurolens-out/activations):
                  <stem>.<layer>.png     one tile per channel (viridis, one scale for the layer,
                                         negative values as 0), 8 per row
                  <stem>.<layer>.npy     the activations [C,h,w] (float32)

                Options:
                  --model MODEL          an .onnx file
                  --image IMAGE          an image, preprocessed as the model's sidecar says
                  --layer L              a node or tensor name from 'neurolens info' with a spatial
                                         output (default: the first Conv layer)
                  --out DIR              where to write

                Example:
                  neurolens activations --model models/resnet20_cifar10.onnx --image images/chelsea.png \\
                      --layer /layer1/layer1.0/conv1/Conv
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "image", "layer", "out"), Set.of());
        Path modelPath = Session.path(args.required("model"));
        Path image = Session.path(args.required("image"));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/activations"));
        try (LoadedModel model = session.open(modelPath, ModelOptions.defaults())) {
            String layer = args.value("layer").orElseGet(() -> Layers.firstConv(model.info()));
            Tensor x = Images.load(image, model.info().preprocessing());
            Tensor a = model.run(x.reshape(prepend(x.shape())), List.of(layer), Progress.NONE).get(layer);
            var tiles = ActivationGrids.tiles(a);
            byte[] png = Png.encode(ImageGrid.grid(tiles, 8, ImageGrid.zoomFor(a.dim(a.rank() - 1), 48), 2));
            Tensor maps = a.rank() == 4 ? a.slice(0) : a;
            String stem = stem(image) + "." + layer.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^_+", "");
            AtomicFiles.write(out.resolve(stem + ".png"), o -> o.write(png));
            Npy.write(maps, out.resolve(stem + ".npy"));
            session.out().println(tiles.size() + " channel maps of " + layer + " " + maps.shapeString() + ": "
                    + Session.show(out.resolve(stem + ".png")));
        }
        return 0;
    }

    private static int[] prepend(int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
