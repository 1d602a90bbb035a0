package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.explain.Explainer;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Predictions;
import java.util.List;

/** The demo's HTML page: one card per image with its predictions and explanation maps. */
final class DemoPage {
    private DemoPage() {
    }

    /** The page; {@code extraSection} is HTML placed after the photos (e.g. {@link ShapesDemo}'s). */
    static String render(ModelInfo info, List<DemoCommand.ImageEntry> entries, List<Explainer> methods,
            List<String> errors, String extraSection) {
        StringBuilder h = new StringBuilder(8192);
        h.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>NeuroLens demo</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;background:#fafafa;color:#222}
                h1{margin-bottom:.2em} .sub{color:#666;margin-top:0}
                .card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1em;margin:1em 0;display:flex;gap:1.5em;flex-wrap:wrap}
                .card img{image-rendering:pixelated;border:1px solid #ccc;border-radius:4px}
                figure{margin:0;text-align:center} figcaption{font-size:.85em;color:#555}
                table.pred td{padding:2px 6px} .bar{background:#4a7fd4;height:10px;border-radius:3px}
                .note{background:#fff8e0;border:1px solid #e8d9a0;padding:.6em;border-radius:6px}
                </style></head><body>
                """);
        h.append("<h1>NeuroLens demo</h1>\n");
        h.append("<p class=\"sub\">Model <code>").append(esc(info.source().getFileName().toString()))
                .append("</code> (").append(esc(info.format())).append(", ").append(esc(info.engine()))
                .append(", ").append(String.format("%,d", info.parameterCount())).append(" parameters). Input ")
                .append(info.preprocessing().width()).append("×").append(info.preprocessing().height())
                .append(".</p>\n");
        List<String> labels = info.preprocessing().labels();
        if (!labels.isEmpty()) {
            h.append("<p class=\"sub\">It knows ").append(labels.size()).append(" classes (")
                    .append(esc(String.join(", ", labels)))
                    .append("); a photo of anything else is given the closest of them.</p>\n");
        }
        if (methods.isEmpty()) {
            h.append("<p class=\"note\">No explanation methods are installed yet, so this page shows predictions "
                    + "only. Run <code>neurolens methods</code> to list methods.</p>\n");
        }
        for (String e : errors) {
            h.append("<p class=\"note\">").append(esc(e)).append("</p>\n");
        }
        for (DemoCommand.ImageEntry e : entries) {
            h.append("<div class=\"card\" id=\"").append(esc(e.name())).append("\">\n");
            h.append("<figure><img src=\"photo-").append(esc(e.name())).append(".png\" alt=\"")
                    .append(esc(e.file())).append("\"><figcaption>").append(esc(e.file()))
                    .append("</figcaption></figure>\n");
            h.append("<figure><img src=\"input-").append(esc(e.name())).append(".png\" alt=\"model input\">")
                    .append("<figcaption>model input</figcaption></figure>\n");
            h.append("<div><h3>Prediction: ").append(esc(e.predictions().get(0).label())).append("</h3>\n")
                    .append("<table class=\"pred\">\n");
            for (Predictions.Prediction p : e.predictions()) {
                h.append("<tr><td>").append(esc(p.label())).append("</td><td>")
                        .append(String.format("%.2f%%", 100 * p.probability()))
                        .append("</td><td><div class=\"bar\" style=\"width:")
                        .append(Math.max(1, Math.round(120 * p.probability()))).append("px\"></div></td><td>logit ")
                        .append(String.format("%.3f", p.logit())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
            for (DemoCommand.ExplanationEntry x : e.explanations()) {
                h.append("<figure><img src=\"").append(esc(x.png())).append("\" alt=\"").append(esc(x.displayName()))
                        .append("\"><figcaption>").append(esc(x.displayName())).append(" · <a href=\"")
                        .append(esc(x.npy())).append("\">npy</a></figcaption></figure>\n");
            }
            h.append("</div>\n");
        }
        h.append(extraSection);
        h.append("<p class=\"sub\">Made by NeuroLens. Raw results: <a href=\"demo.json\">demo.json</a>.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }
}
