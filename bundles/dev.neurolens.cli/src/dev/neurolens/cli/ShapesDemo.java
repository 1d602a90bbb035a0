package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.core.io.Overlays;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.model.Predictions;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.evaluation.EvaluationSample;
import dev.neurolens.evaluation.MethodRun;
import dev.neurolens.evaluation.SampleSets;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's second part: the bundled shape models on a few generated scenes (the same generator
 * and seed as {@code neurolens evaluate}), each image with its object outlined, the prediction, and
 * every method's map of the object's class. Returns an HTML section; writes its pictures.
 */
final class ShapesDemo {
    private static final int IMAGES = 3;
    private static final int SHOW = 128;

    private ShapesDemo() {
    }

    /** The section for the shape models found in {@code home/models} ({@code ""} if there is none). */
    static String render(Session session, List<Explainer> methods, Path out, ConsoleProgress progress)
            throws IOException {
        StringBuilder h = new StringBuilder();
        for (String file : EvaluateCommand.DEFAULT_MODELS) {
            Path path = session.home().resolve("models").resolve(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            progress.subTask(file);
            try (LoadedModel model = session.open(path, ModelOptions.defaults())) {
                model(h, model, path, methods, out);
            }
        }
        if (h.isEmpty()) {
            return "";
        }
        return "<h2>Shapes: models with ground truth</h2>\n<p class=\"sub\">Generated scenes (object outlined in"
                + " yellow) and the reference models of models/README.md; every map explains the object's class."
                + " <code>neurolens evaluate</code> scores these maps on many images.</p>\n" + h;
    }

    private static void model(StringBuilder h, LoadedModel model, Path path, List<Explainer> methods, Path out)
            throws IOException {
        Preprocessing pre = model.info().preprocessing();
        List<EvaluationSample> samples = SampleSets.generated(SampleSets.shapesLikeTraining(EvaluateCommand.DEFAULT_SEED,
                IMAGES, pre), pre);
        Tensor logits = model.predict(Tensor.stack(samples.stream().map(EvaluationSample::input).toList()));
        String stem = Inputs.stem(path);
        h.append("<div class=\"card\"><table><tr><th>").append(esc(path.getFileName().toString())).append("</th>");
        methods.forEach(m -> h.append("<th>").append(esc(m.displayName())).append("</th>"));
        h.append("</tr>\n");
        String[][] cells = new String[samples.size()][methods.size()];
        for (int j = 0; j < methods.size(); j++) {
            try {
                List<Tensor> maps = MethodRun.of(methods.get(j), model, samples, Map.of(), Progress.NONE).pixelMaps();
                for (int i = 0; i < samples.size(); i++) {
                    String name = "shapes-" + stem + "-" + i + "." + methods.get(j).id() + ".png";
                    BufferedImage base = Heatmaps.resize(samples.get(i).picture(), SHOW, SHOW);
                    Png.write(Heatmaps.overlay(base, Overlays.heat(maps.get(i)), Overlays.ALPHA), out.resolve(name));
                    cells[i][j] = "<img src=\"" + esc(name) + "\" alt=\"" + esc(methods.get(j).id()) + "\">";
                }
            } catch (CancelledException e) {
                throw e;
            } catch (NeuroLensException e) {
                for (String[] row : cells) {
                    row[j] = "<span class=\"sub\">" + esc(e.getMessage()) + "</span>";
                }
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            EvaluationSample s = samples.get(i);
            String name = "shapes-" + stem + "-" + i + ".png";
            Png.write(EvaluationPage.outlined(s, SHOW), out.resolve(name));
            Predictions.Prediction top = Predictions.top(logits.slice(i), 1, pre).get(0);
            h.append("<tr><td><figure><img src=\"").append(esc(name)).append("\" alt=\"scene\"><figcaption>")
                    .append(esc(pre.label(s.target()).orElse("class " + s.target())))
                    .append(String.format(Locale.ROOT, " → predicted %s (%.0f%%)", esc(top.label()),
                            100 * top.probability()))
                    .append("</figcaption></figure></td>");
            for (String c : cells[i]) {
                h.append("<td>").append(c).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }
}
