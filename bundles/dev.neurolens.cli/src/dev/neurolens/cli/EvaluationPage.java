package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.io.Heatmaps;
import dev.neurolens.core.io.Overlays;
import dev.neurolens.core.io.Png;
import dev.neurolens.evaluation.Checks;
import dev.neurolens.evaluation.EvaluationSample;
import dev.neurolens.evaluation.LayerStep;
import dev.neurolens.evaluation.MethodReport;
import dev.neurolens.evaluation.ModelReport;
import dev.neurolens.evaluation.ReportJson;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The evaluation's HTML page and its pictures: per model a table of every method's metrics and
 * checks, the randomization curves as inline SVG charts, and the first images with their object
 * outline and each method's heatmap.
 */
final class EvaluationPage {
    private static final int SHOW = 128;
    private static final int OUTLINE = 0xffd400;

    private final List<ModelReport> reports;
    private final String data;
    private final float fill;
    private final double seconds;

    private EvaluationPage(List<ModelReport> reports, String data, float fill, double seconds) {
        this.reports = List.copyOf(reports);
        this.data = data;
        this.fill = fill;
        this.seconds = seconds;
    }

    /**
     * @param data what the images were, for the page's first line
     * @param fill the deletion/insertion fill the curves used
     */
    static EvaluationPage of(List<ModelReport> reports, String data, float fill, double seconds) {
        return new EvaluationPage(reports, data, fill, seconds);
    }

    /** The PNG files the page shows, by file name relative to the page. */
    Map<String, byte[]> pictures() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ModelReport r : reports) {
            String stem = stem(r);
            for (int i = 0; i < r.examples().size(); i++) {
                EvaluationSample s = r.examples().get(i);
                BufferedImage base = Heatmaps.resize(s.picture(), SHOW, SHOW);
                out.put(example(stem, i, "input"), Png.encode(outlined(s, SHOW)));
                for (MethodReport m : r.methods()) {
                    if (m.error().isEmpty() && i < m.examples().size()) {
                        BufferedImage heat = Overlays.heat(m.examples().get(i));
                        out.put(example(stem, i, m.id()), Png.encode(Heatmaps.overlay(base, heat, Overlays.ALPHA)));
                    }
                }
            }
        }
        return out;
    }

    String html() {
        StringBuilder h = new StringBuilder(32_768);
        h.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>NeuroLens evaluation</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;background:#fafafa;color:#222}
                table{border-collapse:collapse;background:#fff;margin:.5em 0}
                td,th{border:1px solid #ddd;padding:3px 8px;text-align:right} td:first-child,th:first-child{text-align:left}
                .pass{color:#1a7f37} .fail{color:#c62828} .sub{color:#666}
                .grid img{image-rendering:pixelated;border:1px solid #ccc} .grid td{text-align:center;font-size:.85em}
                .note{background:#fff8e0;border:1px solid #e8d9a0;padding:.6em;border-radius:6px}
                </style></head><body>
                <h1>NeuroLens evaluation</h1>
                """);
        h.append("<p class=\"sub\">").append(esc(data)).append(String.format(Locale.ROOT, "; deletion/insertion fill"
                + " %s; %.0f s. Definitions:"
                + " docs/evaluation.md; raw numbers: <a href=\"evaluation.json\">evaluation.json</a>.</p>%n",
                fill, seconds));
        h.append(String.format(Locale.ROOT, "<p class=\"sub\">Checks: localization = pointing game &ge; %.2f and"
                + " &ge; %.2f above the centre baseline; randomization = Spearman after randomizing every layer &lt;"
                + " %.1f; faithfulness = insertion AUC &gt; deletion AUC; completeness = mean |&delta;|/|f(x)&minus;"
                + "f(x&prime;)| &le; %.2f.</p>%n", Checks.POINTING_GAME, Checks.OVER_CENTRE,
                Checks.RANDOMIZED_SPEARMAN, Checks.COMPLETENESS));
        for (ModelReport r : reports) {
            model(h, r);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private void model(StringBuilder h, ModelReport r) {
        h.append("<h2>").append(esc(r.model().getFileName().toString())).append("</h2>\n");
        h.append(String.format(Locale.ROOT, "<p class=\"sub\">%d images (%s); %d parametrized layers. Centre"
                + " baseline: pointing game %.3f, energy in mask %.3f.</p>%n", r.images(),
                r.randomizationImages() == 0 ? "no randomization checks"
                        : "randomization checks: the first " + r.randomizationImages(),
                r.layers().size(), r.centrePointingGame(), r.centreEnergyInMask()));
        h.append("<table><tr><th>method</th><th>pointing game</th><th>energy in mask</th><th>deletion AUC</th>"
                + "<th>insertion AUC</th><th>completeness |&delta;|/|&Delta;f|</th><th>Spearman, all layers random"
                + "</th><th>SSIM, all layers random</th><th>checks</th></tr>\n");
        for (MethodReport m : r.methods()) {
            h.append("<tr><td>").append(esc(m.displayName())).append(" <span class=\"sub\">").append(esc(m.id()))
                    .append("</span></td>");
            if (m.error().isPresent()) {
                h.append("<td colspan=\"8\" class=\"fail\">").append(esc(m.error().get())).append("</td></tr>\n");
                continue;
            }
            h.append(cell(m.pointingGame())).append(cell(m.energyInMask())).append(cell(m.deletionAuc()))
                    .append(cell(m.insertionAuc())).append(cell(m.relativeCompleteness().orElse(Double.NaN)))
                    .append(cell(m.fullyRandomized().map(s -> s.spearman()).orElse(Double.NaN)))
                    .append(cell(m.fullyRandomized().map(s -> s.ssim()).orElse(Double.NaN))).append("<td>");
            m.passes().forEach((k, v) -> h.append("<span class=\"").append(v ? "pass\">&#10003; " : "fail\">&#10007; ")
                    .append(esc(k)).append("</span> "));
            ReportJson.flags(m).forEach(f -> h.append("<br><span class=\"fail\">").append(esc(f)).append("</span>"));
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        chart(h, r, "Cascading randomization (from the logits down): Spearman rank correlation with the original maps",
                MethodReport::cascading, "layers randomized, top first →");
        chart(h, r, "Independent randomization (one layer at a time): Spearman rank correlation",
                MethodReport::independent, "layer randomized, top first →");
        examples(h, r);
    }

    private static void chart(StringBuilder h, ModelReport r, String title,
            Function<MethodReport, List<LayerStep>> steps, String xTitle) {
        Map<String, double[]> series = new LinkedHashMap<>();
        List<String> labels = List.of();
        for (MethodReport m : r.methods()) {
            List<LayerStep> s = steps.apply(m);
            if (!s.isEmpty()) {
                labels = s.stream().map(LayerStep::layer).toList();
                series.put(m.id(), s.stream().mapToDouble(x -> x.similarity().spearman()).toArray());
            }
        }
        if (series.isEmpty()) {
            return;
        }
        h.append("<h3>").append(esc(title)).append("</h3>\n");
        h.append(SvgChart.lines("Spearman ρ", xTitle + " (" + labels.get(0) + " … " + labels.get(labels.size() - 1)
                + ")", labels, series, -0.2, 1.0));
    }

    private static void examples(StringBuilder h, ModelReport r) {
        if (r.examples().isEmpty()) {
            return;
        }
        String stem = stem(r);
        h.append("<h3>Examples (object outlined; maps as the metrics see them)</h3>\n<table class=\"grid\"><tr>"
                + "<th>image</th>");
        r.methods().stream().filter(m -> m.error().isEmpty())
                .forEach(m -> h.append("<th>").append(esc(m.id())).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < r.examples().size(); i++) {
            h.append("<tr><td><img src=\"").append(esc(example(stem, i, "input"))).append("\" alt=\"input\"><br>")
                    .append(esc(r.examples().get(i).name())).append("</td>");
            for (MethodReport m : r.methods()) {
                if (m.error().isEmpty()) {
                    h.append("<td><img src=\"").append(esc(example(stem, i, m.id()))).append("\" alt=\"")
                            .append(esc(m.id())).append("\"></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "<td>%.3f</td>", v) : "<td>–</td>";
    }

    private static String stem(ModelReport r) {
        String n = r.model().getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String example(String stem, int i, String what) {
        return "examples/" + stem + "-" + i + "." + what + ".png";
    }

    /** The picture at {@code size} with the object's boundary pixels drawn in yellow. */
    static BufferedImage outlined(EvaluationSample s, int size) {
        BufferedImage img = Heatmaps.resize(s.picture(), size, size);
        int w = s.picture().getWidth();
        int hgt = s.picture().getHeight();
        boolean[] m = s.mask();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = x * w / size;
                int sy = y * hgt / size;
                if (m[sy * w + sx] && (sx == 0 || sy == 0 || sx == w - 1 || sy == hgt - 1 || !m[sy * w + sx - 1]
                        || !m[sy * w + sx + 1] || !m[(sy - 1) * w + sx] || !m[(sy + 1) * w + sx])) {
                    img.setRGB(x, y, OUTLINE);
                }
            }
        }
        return img;
    }
}
