package dev.neurolens.cli;

import dev.neurolens.core.io.Json;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Predictions;
import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code neurolens predict}: the top classes of a model for images or a preprocessed tensor. */
final class PredictCommand implements Command {

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "classify images (or a preprocessed .npy tensor) and show the top classes";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens predict --model MODEL (--image IMAGE ... | --input TENSOR.npy)
                                         [--top K] [--logits] [--json] [--out DIR] [--device cpu|gpu]

                Runs the model and prints, per image, the K most likely classes with their logits
                (pre-softmax scores) and softmax probabilities.

                Options:
                  --model MODEL    an .onnx file or a TensorFlow SavedModel folder
                  --image IMAGE    a PNG/JPEG/BMP/GIF image; repeat for a batch. Preprocessed as the
                                   model's sidecar file says (size, crop, mean/std; see 'info')
                  --input X.npy    an already preprocessed float tensor [N,C,H,W] or [C,H,W]
                  --top K          how many classes to show (default 5)
                  --logits         also print every raw logit
                  --json           print JSON instead of text
                  --out DIR        also write DIR/<name>.logits.npy and DIR/predictions.json
                  --device D       cpu or gpu (default: -Dneurolens.device, else cpu); without a
                                   usable GPU the model runs on the CPU ('info' says why)

                Examples:
                  neurolens predict --model models/resnet20_cifar10.onnx --image images/chelsea.png
                  neurolens predict --model models/resnet20_cifar10.onnx \\
                      --input models/resnet20_cifar10.chelsea.input.npy --logits
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "image", "input", "top", "out", "device"),
                Set.of("logits", "json"));
        Path modelPath = Session.path(args.required("model"));
        int k = args.integer("top", 5, 1, 100_000);
        Optional<Path> out = args.value("out").map(Session::path);
        try (LoadedModel model = session.open(modelPath, DeviceOption.options(args))) {
            ModelInfo info = model.info();
            Inputs inputs = Inputs.from(args, info);
            Tensor logits = model.predict(inputs.batch());
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < inputs.names().size(); i++) {
                Tensor row = logits.slice(i);
                results.add(result(inputs.names().get(i), row, Predictions.top(row, k, info.preprocessing())));
            }
            if (args.flag("json")) {
                session.out().println(Json.write(results));
            } else {
                print(session.out(), inputs, logits, k, info, args.flag("logits"));
            }
            if (out.isPresent()) {
                for (int i = 0; i < inputs.names().size(); i++) {
                    Npy.write(logits.slice(i), out.get().resolve(inputs.names().get(i) + ".logits.npy"));
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("model", modelPath.toString());
                doc.put("results", results);
                Json.writeFile(doc, out.get().resolve("predictions.json"));
                session.err().println("wrote " + Session.show(out.get().resolve("predictions.json")));
            }
        }
        return 0;
    }

    private static Map<String, Object> result(String name, Tensor row, List<Predictions.Prediction> top) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", name);
        m.put("top", top.stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("class", p.index());
            pm.put("label", p.label());
            pm.put("logit", p.logit());
            pm.put("probability", p.probability());
            return pm;
        }).toList());
        m.put("logits", row.data());
        return m;
    }

    private static void print(PrintStream out, Inputs inputs, Tensor logits, int k, ModelInfo info, boolean raw) {
        for (int i = 0; i < inputs.names().size(); i++) {
            Tensor row = logits.slice(i);
            out.println(inputs.names().get(i));
            int rank = 1;
            for (Predictions.Prediction p : Predictions.top(row, k, info.preprocessing())) {
                out.printf("  %d. %-14s class %-4d logit %9.4f   p %6.2f%%%n", rank++, p.label(), p.index(),
                        p.logit(), 100 * p.probability());
            }
            if (raw) {
                StringBuilder sb = new StringBuilder("  logits:");
                for (int c = 0; c < row.size(); c++) {
                    sb.append(' ').append(row.get(c));
                }
                out.println(sb);
            }
        }
    }
}
