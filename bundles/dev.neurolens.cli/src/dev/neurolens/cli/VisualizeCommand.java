package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.featurevis.FeatureVisualizer;
import dev.neurolens.featurevis.ImageGrid;
import dev.neurolens.featurevis.Layers;
import dev.neurolens.featurevis.ObjectiveSpec;
import dev.neurolens.featurevis.Objectives;
import dev.neurolens.featurevis.SettingsParser;
import dev.neurolens.featurevis.Visualization;
import dev.neurolens.featurevis.VisualizationSettings;
import dev.neurolens.graph.GraphRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code neurolens visualize}: feature visualization — images optimized to excite a unit, a layer,
 * a class or a direction ({@code dev.neurolens.featurevis}); writes PNGs and a JSON of the
 * objective per step.
 */
final class VisualizeCommand implements Command {

    @Override
    public String name() {
        return "visualize";
    }

    @Override
    public String summary() {
        return "feature visualization: optimize images that excite a unit, layer, class or direction";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens visualize --model MODEL [--layer L] [--unit U ...]
                                           [--objective channel|neuron|layer|logit|direction]
                                           [--negative] [--direction V.npy] [--image START]
                                           [--param KEY=VALUE ...] [--out DIR] [--json]

                Gradient ascent (Adam) on an image so that the objective grows (Olah et al. 2017,
                Lucid/Lucent's render_vis): decorrelated Fourier parameterization, random jitter,
                scale and rotation before each step; one engine call per step computes the
                objective and its gradient. One image per --unit, all optimized together.
                Writes to DIR (default neurolens-out/visualize):
                  <name>.png             each image (the optimized size; <name> from the objective)
                  grid.png               all images, enlarged
                  visualization.json     settings, per image the objective at every step, its value
                                         before and after and on random images, ms per step

                Options:
                  --model MODEL          an .onnx file
                  --layer L              a node or tensor name from 'neurolens info' (default: the
                                         last Conv layer; ignored for logit)
                  --unit U               repeatable or comma-separated, one image each: a channel
                                         index (5); neuron: C or C:Y:X (default the centre); logit:
                                         class index or label; direction: random or random:SEED;
                                         A+B optimizes the sum of two units; a unit
                                         given twice gets two images (<name>.0, <name>.1),
                                         e.g. with --param diversity=1
                  --objective KIND       channel (mean over space, default), neuron, layer (DeepDream:
                                         mean of squares), logit (pre-softmax), direction (weighted
                                         channel sum: --direction V.npy or --unit random)
                  --negative             minimize instead: what the unit avoids
                  --image START          start from this image instead of noise
                  --param KEY=VALUE      steps=256 lr=0.05 size=<input> fourier=true decorrelate=true
                                         decay=1 sd=0.01 transforms=true pad=<12/224 of size>
                                         padding=constant|reflect jitter=<8/224 of size, >= 2>
                                         scale=0.1 rotate=10 tv=0 l1=0 l2=0 seed=0
                                         diversity=0 (Lucid's diversity across the batch)
                  --out DIR              where to write
                  --json                 print visualization.json

                Examples:
                  neurolens visualize --model models/resnet20_cifar10.onnx --unit 0,1,2,3
                  neurolens visualize --model models/resnet20_cifar10.onnx --objective logit --unit cat
                  neurolens visualize --model models/shapes_vgg.onnx --objective layer \\
                      --layer /features/features.3/Conv --param steps=128 --param seed=3
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "layer", "unit", "objective", "direction", "image",
                "param", "out"), Set.of("negative", "json"));
        Path modelPath = Session.path(args.required("model"));
        String kind = args.value("objective").orElse("channel");
        if (!ObjectiveSpec.KINDS.contains(kind)) {
            throw new UsageException("unknown objective '" + kind + "'; valid: " + String.join(", ",
                    ObjectiveSpec.KINDS));
        }
        List<String> units = args.values("unit").stream().flatMap(u -> Arrays.stream(u.split(",")))
                .map(String::strip).filter(u -> !u.isEmpty()).toList();
        Map<String, String> params = params(args.values("param"));
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/visualize"));
        ConsoleProgress progress = session.progress();
        try (LoadedModel model = session.open(modelPath, ModelOptions.defaults());
                CancelOnInterrupt interrupt = new CancelOnInterrupt(progress)) {
            Preprocessing pre = model.info().preprocessing();
            VisualizationSettings settings = settings(params, Math.max(pre.width(), pre.height()));
            GraphRunner runner = model.capability(GraphRunner.class).orElseThrow(() -> new NeuroLensException(
                    "the engine cannot compute gradients of " + modelPath.getFileName()));
            String logits = model.info().outputs().get(0).name();
            Objectives objectives = new Objectives(runner, logits);
            String layer = kind.equals("logit") ? logits : args.value("layer").orElseGet(() -> Layers.lastConv(
                    model.info()));
            float[] direction = args.value("direction").map(f -> Npy.read(Session.path(f)).data()).orElse(null);
            List<ObjectiveSpec> specs = ObjectiveSpec.parse(objectives, kind, layer, units, args.flag("negative"),
                    direction, pre.labels());
            int size = settings.size() > 0 ? settings.size() : 0;
            double[] start = args.value("image").map(i -> startImage(Session.path(i), size > 0 ? size : pre.width(),
                    size > 0 ? size : pre.height())).orElse(null);
            Visualization v = new FeatureVisualizer(model).run(specs.stream().map(ObjectiveSpec::objective).toList(),
                    settings, start, progress);
            progress.done();
            progress.checkCancelled();
            write(out, specs, v, settings, modelPath, layer, kind, session, args.flag("json"));
        }
        return 0;
    }

    private static VisualizationSettings settings(Map<String, String> params, int inputSize) {
        try {
            return SettingsParser.parse(params, inputSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--param " + e.getMessage());
        }
    }

    static Map<String, String> params(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs KEY=VALUE, got '" + pair + "'; keys: " + String.join(", ",
                        SettingsParser.KEYS));
            }
            if (m.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip()) != null) {
                throw new UsageException("--param " + pair.substring(0, eq).strip() + " given twice");
            }
        }
        return m;
    }

    /** The image as {@code [3,H,W]} values in [0,1], fitted to the size. */
    private static double[] startImage(Path file, int w, int h) {
        BufferedImage img = Images.fit(Images.read(file), Preprocessing.plain(w, h));
        double[] rgb = new double[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                rgb[y * w + x] = ((p >> 16) & 0xff) / 255.0;
                rgb[w * h + y * w + x] = ((p >> 8) & 0xff) / 255.0;
                rgb[2 * w * h + y * w + x] = (p & 0xff) / 255.0;
            }
        }
        return rgb;
    }

    private static void write(Path out, List<ObjectiveSpec> specs, Visualization v, VisualizationSettings settings,
            Path model, String layer, String kind, Session session, boolean json) throws IOException {
        List<BufferedImage> tiles = new ArrayList<>();
        List<Object> images = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            BufferedImage img = ImageGrid.rgb(v.image(i), v.height(), v.width());
            tiles.add(img);
            String file = specs.get(i).name() + ".png";
            files.put(file, Png.encode(img));
            int image = i;
            double[] perStep = v.values().stream().mapToDouble(s -> s[image]).toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", specs.get(i).name());
            m.put("objective", specs.get(i).objective().description());
            m.put("file", file);
            m.put("initial", v.initialValues()[i]);
            m.put("final", v.finalValues()[i]);
            m.put("random_images", v.randomValues()[i]);
            m.put("per_step", Arrays.stream(perStep).boxed().toList());
            images.add(m);
        }
        files.put("grid.png", Png.encode(ImageGrid.grid(tiles, 8, ImageGrid.zoomFor(v.width(), 96), 4)));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("model", model.toString());
        record.put("layer", layer);
        record.put("objective", kind);
        record.put("settings", settings.describe(Math.max(v.width(), v.height())));
        record.put("ms_per_step", v.millisPerStep());
        record.put("engine_ms_per_step", v.engineMillisPerStep());
        record.put("compile_ms", v.compileMillis());
        record.put("images", images);
        for (var f : files.entrySet()) {
            AtomicFiles.write(out.resolve(f.getKey()), o -> o.write(f.getValue()));
        }
        Json.writeFile(record, out.resolve("visualization.json"));
        if (json) {
            session.out().println(Json.write(record));
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            session.out().printf(Locale.ROOT, "%-24s objective %9.4f -> %9.4f (random images %9.4f)  %s%n",
                    specs.get(i).name(), v.initialValues()[i], v.finalValues()[i], v.randomValues()[i],
                    Session.show(out.resolve(specs.get(i).name() + ".png")));
        }
        session.out().printf(Locale.ROOT, "%d steps, %.2f ms per step (engine %.2f ms), %d image(s) -> %s%n",
                settings.steps(), v.millisPerStep(), v.engineMillisPerStep(), specs.size(),
                Session.show(out.resolve("visualization.json")));
    }
}
