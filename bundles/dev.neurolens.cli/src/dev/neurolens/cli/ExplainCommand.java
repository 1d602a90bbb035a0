package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.AttributionMap;
import dev.neurolens.core.explain.AttributionResult;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.explain.Explanation;
import dev.neurolens.core.explain.ExplanationKind;
import dev.neurolens.core.explain.ExplanationRequest;
import dev.neurolens.core.explain.Target;
import dev.neurolens.core.io.ExplanationFiles;
import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code neurolens explain}: one explanation method on images or a preprocessed tensor; writes the
 * raw map ({@code .npy}), an overlay ({@code .png}) and a JSON record per image.
 */
final class ExplainCommand implements Command {

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "explain a prediction with one method: raw map (.npy), overlay (.png), record (.json)";
    }

    @Override
    public String help() {
        return """
                Usage: neurolens explain --model MODEL (--image IMAGE ... | --input X.npy) --method ID
                                         [--target N|top] [--layer NAME] [--param KEY=VALUE ...]
                                         [--out DIR] [--json]

                Explains the model's score for a class (the pre-softmax logit) with one method and
                writes, per image, to DIR (default neurolens-out/explain):
                  <stem>.<method>.npy            the raw attribution, float32, no batch axis:
                                                 [C,H,W] in input space, [h,w] at the layer for CAMs
                  <stem>.<method>.upsampled.npy  CAMs: the map resized (bilinear) to the input
                  <stem>.<method>.png            the map over the image
                  <stem>.<method>.json           model, method, parameters, target, label, score,
                                                 completeness delta (IG), timings, file names

                Options:
                  --model MODEL       an .onnx file or a TensorFlow SavedModel folder
                  --image IMAGE       an image (repeatable), preprocessed as the model's sidecar says
                  --input X.npy       a preprocessed tensor [N,C,H,W] or [C,H,W]
                  --method ID         saliency, gradient-x-input, smoothgrad, integrated-gradients,
                                      gradcam, gradcam-plus-plus, guided-backprop, guided-gradcam,
                                      deconvnet, occlusion ('neurolens methods' lists the installed ones)
                  --target N|top      the class to explain (default top: each image's prediction)
                  --layer NAME        for CAM methods: a node or tensor name from 'neurolens info'
                                      (default: the last spatial tensor before global pooling)
                  --param KEY=VALUE   a method parameter (repeatable), e.g. steps=64, rule=trapezoid,
                                      baseline=blur, samples=25, noise=0.1, window=8, stride=4,
                                      batch=16 (rows per engine call), view=signed|abs|max (PNG only)
                  --out DIR           where to write (default neurolens-out/explain)
                  --json              print the JSON records instead of one line per image

                Examples:
                  neurolens explain --model models/resnet20_cifar10.onnx --image images/chelsea.png \\
                      --method integrated-gradients --param steps=64 --param baseline=black
                  neurolens explain --model models/resnet20_cifar10.onnx --image images/chelsea.png \\
                      --method gradcam --layer /layer3/layer3.1/Relu_1 --target 5
                """;
    }

    @Override
    public int run(List<String> tokens, Session session) throws IOException {
        Args args = Args.parse(name(), tokens, Set.of("model", "image", "input", "method", "target", "layer",
                "param", "out"), Set.of("json"));
        Request r = parse(args, session);
        ConsoleProgress progress = session.progress();
        try (LoadedModel model = session.open(r.model(), DeviceOption.defaults());
                CancelOnInterrupt interrupt = new CancelOnInterrupt(progress)) {
            ModelInfo info = model.info();
            checkTarget(info, r.target());
            Inputs inputs = Inputs.from(args, info);
            int bad = inputs.batch().firstNonFinite();
            if (bad >= 0) {
                throw new NeuroLensException("the input holds NaN or infinite values (first at flat index " + bad
                        + "); nothing to explain");
            }
            ExplanationRequest request = new ExplanationRequest(inputs.batch(), inputs.names(), r.target(), r.layer(),
                    r.parameters());
            Explanation result;
            try {
                result = r.method().explain(model, request, progress);
            } finally {
                progress.done();
            }
            if (!(result instanceof AttributionResult attribution)) {
                throw new NeuroLensException("method " + r.method().id() + " does not produce attribution maps");
            }
            List<ExplanationFiles> files = new ArrayList<>();
            for (int i = 0; i < attribution.maps().size(); i++) {
                files.add(ExplanationFiles.of(r.out(), info, r.method(), attribution, i,
                        inputs.picture(i, info.preprocessing()), r.target()));
            }
            progress.checkCancelled();
            for (ExplanationFiles f : files) {
                f.write();
            }
            if (args.flag("json")) {
                session.out().println(Json.write(files.stream().map(ExplanationFiles::record).toList()));
            } else {
                for (int i = 0; i < files.size(); i++) {
                    session.out().println(summaryLine(attribution.maps().get(i), r.method(), files.get(i)));
                }
            }
        }
        return 0;
    }

    /**
     * The command line, checked before any model is opened.
     *
     * @param model the model file
     * @param method the explainer
     * @param target the class
     * @param layer the layer, for layer methods
     * @param parameters the method parameters given
     * @param out the output folder
     */
    record Request(Path model, Explainer method, Target target, Optional<String> layer, Map<String, String> parameters,
            Path out) {
    }

    /**
     * Checks everything that needs no model: the method id, its parameters, the target and the
     * layer option.
     *
     * @throws UsageException naming the valid choices
     */
    static Request parse(Args args, Session session) {
        Path model = Session.path(args.required("model"));
        Explainer method = session.explainer(args.required("method"));
        if (method.kind() != ExplanationKind.ATTRIBUTION_MAP) {
            throw new UsageException("method " + method.id() + " produces " + method.kind().name().toLowerCase()
                    + " results, not attribution maps; 'explain' runs attribution methods");
        }
        Map<String, String> parameters = MethodParameters.parse(args.values("param"), method);
        Target target;
        try {
            target = Target.parse(args.value("target").orElse("top"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<String> layer = args.value("layer");
        if (layer.isPresent() && !method.usesLayer()) {
            String layerMethods = session.explainers().stream().filter(Explainer::usesLayer).map(Explainer::id)
                    .collect(Collectors.joining(", "));
            throw new UsageException("method " + method.id() + " works in input space and takes no --layer"
                    + (layerMethods.isEmpty() ? "" : "; layer methods: " + layerMethods));
        }
        Path out = args.value("out").map(Session::path).orElse(Session.path("neurolens-out/explain"));
        return new Request(model, method, target, layer, parameters, out);
    }

    /** One line per image for the terminal: image, method, class, logit, where the files went. */
    static String summaryLine(AttributionMap map, Explainer method, ExplanationFiles files) {
        String label = map.targetLabel().isEmpty() ? "class " + map.targetClass()
                : map.targetLabel() + " (class " + map.targetClass() + ")";
        String delta = map.completenessDelta().isPresent()
                ? String.format("  delta %.3g", map.completenessDelta().getAsDouble()) : "";
        return String.format("%-14s %-20s %-22s logit %8.4f%s  -> %s.{%s}", map.imageName(), method.id(), label,
                map.score(), delta, Session.show(files.stem()),
                map.upsampled().isPresent() ? "npy,upsampled.npy,png,json" : "npy,png,json");
    }

    /** Rejects a class index at or beyond the model's number of classes, when the output says it. */
    static void checkTarget(ModelInfo info, Target target) {
        if (target.isPredicted() || info.outputs().isEmpty()) {
            return;
        }
        TensorInfo out = info.outputs().get(0);
        if (out.dims().size() == 2 && out.dims().get(1) > 0 && target.classIndex() >= out.dims().get(1)) {
            long classes = out.dims().get(1);
            throw new NeuroLensException("target class " + target.classIndex() + " is out of range: the model has "
                    + classes + " classes (0 to " + (classes - 1) + ")");
        }
    }
}
