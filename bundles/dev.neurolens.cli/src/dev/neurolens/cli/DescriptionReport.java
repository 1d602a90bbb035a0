package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.data.BrodenDataset;
import dev.neurolens.milan.DescriptionSearch;
import dev.neurolens.milan.Exemplar;
import dev.neurolens.milan.ExemplarPictures;
import dev.neurolens.milan.ScoredDescription;
import dev.neurolens.milan.UnitDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code neurolens describe} writes: {@code descriptions.json} (stable keys, docs/milan.md)
 * and {@code descriptions.html} (a table of units with their description, scores, runner-ups and
 * supporting exemplars).
 */
record DescriptionReport(Path model, BrodenDataset dataset, List<String> layers, String descriptionModel,
        String prior, double lambda, int top, List<UnitDescription> units, Optional<String> find, double seconds) {

    /** The exemplar strip of a unit, relative to the output folder. */
    static String picture(UnitDescription d) {
        return "exemplars/" + d.unit().layer().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.]+", "") + "-"
                + d.unit().channel() + ".png";
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.toString());
        root.put("dataset", dataset.directory().toString());
        root.put("layers", layers);
        root.put("description_model", descriptionModel);
        root.put("prior", prior);
        root.put("lambda", lambda);
        root.put("top", top);
        root.put("seconds", Math.round(seconds * 10) / 10.0);
        find.ifPresent(w -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("word", w);
            f.put("units", DescriptionSearch.find(units, w).stream().map(DescriptionReport::key).toList());
            root.put("find", f);
        });
        List<Object> list = new ArrayList<>();
        for (UnitDescription d : units) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("layer", d.unit().layer());
            u.put("unit", d.unit().channel());
            u.put("description", d.best().text());
            putScores(u, d.best());
            u.put("threshold", d.exemplars().threshold());
            u.put("runner_ups", d.runnerUps().stream().map(s -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("description", s.text());
                putScores(r, s);
                return r;
            }).toList());
            double[] support = d.support();
            List<Object> exemplars = new ArrayList<>();
            for (int i = 0; i < d.exemplars().size(); i++) {
                Exemplar e = d.exemplars().exemplars().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", dataset.image(e.image()).image());
                m.put("index", e.image());
                m.put("activation", e.activation());
                m.put("region_pixels", e.area());
                m.put("fit", support[i]);
                exemplars.add(m);
            }
            u.put("exemplars", exemplars);
            u.put("picture", d.exemplars().size() == 0 ? null : picture(d));
            list.add(u);
        }
        root.put("units", list);
        return root;
    }

    private static Map<String, Object> key(UnitDescription d) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("layer", d.unit().layer());
        k.put("unit", d.unit().channel());
        k.put("description", d.best().text());
        k.put("pmi", d.best().pmi());
        return k;
    }

    private static void putScores(Map<String, Object> m, ScoredDescription s) {
        m.put("pmi", s.pmi());
        m.put("log_p_d_given_e", s.logLikelihood());
        m.put("log_p_d", s.logPrior());
    }

    String html() {
        StringBuilder h = new StringBuilder(65_536);
        h.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>NeuroLens unit descriptions</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;background:#fafafa;color:#222}
                table{border-collapse:collapse;background:#fff;margin:.5em 0}
                td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
                td.num{text-align:right} .sub{color:#666;font-size:.85em} .best{font-weight:600}
                img{image-rendering:pixelated;border:1px solid #ccc} tr.hit{background:#fff8e0}
                </style></head><body>
                <h1>Unit descriptions</h1>
                """);
        h.append("<p class=\"sub\">Model ").append(esc(model.getFileName().toString())).append(", layers ")
                .append(esc(String.join(", ", layers))).append("; dataset ").append(esc(dataset.directory().toString()))
                .append(String.format(Locale.ROOT, " (%d images); top %d exemplars per unit; description model %s, "
                        + "prior %s, &lambda; = %s; %.0f s. PMI = log p(d|E) &minus; &lambda; log p(d) "
                        + "(docs/milan.md). Pictures: the exemplars the description fits best, the unit's region "
                        + "outlined, the rest dimmed.</p>%n", dataset.size(), top, esc(descriptionModel), esc(prior),
                        lambda, seconds));
        List<UnitDescription> hits = find.map(w -> DescriptionSearch.find(units, w)).orElse(List.of());
        find.ifPresent(w -> h.append("<p>").append(hits.size()).append(" units mention <b>").append(esc(w))
                .append("</b> (highlighted).</p>\n"));
        h.append("<table><tr><th>layer</th><th>unit</th><th>description</th><th>PMI</th><th>log p(d|E)</th>"
                + "<th>log p(d)</th><th>runner-ups (PMI)</th><th>exemplars</th></tr>\n");
        for (UnitDescription d : units) {
            h.append(hits.contains(d) ? "<tr class=\"hit\">" : "<tr>")
                    .append("<td>").append(esc(d.unit().layer())).append("</td><td class=\"num\">")
                    .append(d.unit().channel()).append("</td><td class=\"best\">").append(esc(d.best().text()))
                    .append(String.format(Locale.ROOT, "</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td>"
                            + "<td class=\"num\">%.3f</td><td class=\"sub\">", d.best().pmi(), d.best().logLikelihood(),
                            d.best().logPrior()));
            for (ScoredDescription s : d.runnerUps()) {
                h.append(esc(s.text())).append(String.format(Locale.ROOT, " (%.2f)<br>", s.pmi()));
            }
            h.append("</td><td>");
            if (d.exemplars().size() > 0) {
                h.append("<img src=\"").append(esc(picture(d))).append("\" alt=\"exemplars\" title=\"fit: ");
                double[] support = d.support();
                for (int i : ExemplarPictures.supporting(d, DescribeCommand.SHOWN_EXEMPLARS)) {
                    h.append(String.format(Locale.ROOT, "%.2f ", support[i]));
                }
                h.append("\">");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }
}
