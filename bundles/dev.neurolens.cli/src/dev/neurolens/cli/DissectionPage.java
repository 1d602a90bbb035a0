package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.dissect.Dissection;
import dev.neurolens.dissect.Exemplar;
import dev.neurolens.dissect.ExemplarImages;
import dev.neurolens.dissect.ExemplarSet;
import dev.neurolens.dissect.ImageSource;
import dev.neurolens.dissect.UnitDissection;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages of {@code dissect} and {@code exemplars}: one row per unit with its label, IoU and
 * formula, and its exemplars — each the receptive-field crop around the peak with the unit's mask
 * highlighted — plus the layer summary. Pictures are made first ({@link #pictures}) and named
 * {@code exemplars/unitNNNN-i.png}.
 */
final class DissectionPage {
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;background:#fafafa;color:#222}
            table{border-collapse:collapse;background:#fff;margin:.5em 0}
            td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:middle}
            .num{text-align:right} .det{color:#1a7f37;font-weight:600} .sub{color:#666}
            .ex img{image-rendering:pixelated;border:1px solid #ccc;margin-right:4px;height:72px}
            """;
    private static final int SIZE = 96;

    private DissectionPage() {
    }

    /** The picture file of exemplar {@code i} of {@code unit}, relative to the page. */
    static String picture(int unit, int i) {
        return String.format(Locale.ROOT, "exemplars/unit%04d-%d.png", unit, i);
    }

    /** Every exemplar's picture as PNG bytes, by file name relative to the page. */
    static Map<String, byte[]> pictures(List<ExemplarSet> sets, ImageSource images, Preprocessing pre) {
        Map<Integer, BufferedImage> fitted = new LinkedHashMap<>();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ExemplarSet set : sets) {
            for (int i = 0; i < set.exemplars().size(); i++) {
                Exemplar e = set.exemplars().get(i);
                BufferedImage img = fitted.computeIfAbsent(e.image(), k -> Images.fit(images.read(k), pre));
                out.put(picture(set.unit(), i), Png.encode(ExemplarImages.render(img, e, true, SIZE)));
            }
        }
        return out;
    }

    /** The dissection page. */
    static String html(Dissection d, String title, String source) {
        StringBuilder h = new StringBuilder(65_536);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n<p class=\"sub\">").append(esc(source))
                .append("</p>\n");
        h.append(summary(d));
        h.append(table(d));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The summary paragraph and the per-category table (also used by the demo page). */
    static String summary(Dissection d) {
        StringBuilder h = new StringBuilder();
        h.append(String.format(Locale.ROOT, "<p>Layer <code>%s</code> (%d units, %d×%d) over %d images: "
                + "<b>%d detectors</b> (IoU &gt; %s); thresholds at the top %s of activations (%s).</p>\n",
                esc(d.layer()), d.units().size(), d.mapHeight(), d.mapWidth(), d.images(), d.summary().detectors(),
                d.settings().iouThreshold(), d.settings().quantile(), d.thresholds().exact() ? "exact"
                        : String.format(Locale.ROOT, "sketch, relative error ≤ %s", d.thresholds().relativeError())));
        h.append("<table><tr><th>category</th><th>unique detectors</th><th>detector units</th></tr>\n");
        d.summary().uniqueDetectors().forEach((c, n) -> h.append("<tr><td>").append(esc(c))
                .append("</td><td class=\"num\">").append(n).append("</td><td class=\"num\">")
                .append(d.summary().detectorUnits().get(c)).append("</td></tr>\n"));
        h.append("</table>\n");
        return h.toString();
    }

    /** One row per unit (also used by the demo page, there for a few units). */
    static String table(Dissection d) {
        return table(d, d.units());
    }

    static String table(Dissection d, List<UnitDissection> units) {
        boolean formulas = d.settings().composition() != null;
        StringBuilder h = new StringBuilder();
        h.append("<table><tr><th>unit</th><th>label</th><th>category</th><th>IoU</th><th>threshold</th>");
        if (formulas) {
            h.append("<th>formula</th><th>formula IoU</th>");
        }
        h.append("<th>exemplars (receptive field, mask highlighted)</th></tr>\n");
        for (UnitDissection u : units) {
            h.append("<tr><td class=\"num\">").append(u.unit()).append("</td><td")
                    .append(u.detector() ? " class=\"det\"" : "").append(">").append(esc(u.best().label()))
                    .append("</td><td>").append(esc(u.best().category())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.4f", u.best().iou())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.4g", u.threshold())).append("</td>");
            if (formulas) {
                h.append("<td>").append(u.formula() == null ? "" : esc(u.formula().formula()
                        .text(d.tally().space()::name))).append("</td><td class=\"num\">")
                        .append(u.formula() == null ? "" : String.format(Locale.ROOT, "%.4f", u.formula().iou()))
                        .append("</td>");
            }
            h.append("<td class=\"ex\">").append(exemplars(u.exemplars())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        return h.toString();
    }

    /** The exemplar pictures of one unit as {@code <img>} tags. */
    static String exemplars(ExemplarSet set) {
        if (set == null) {
            return "";
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < set.exemplars().size(); i++) {
            Exemplar e = set.exemplars().get(i);
            h.append("<img src=\"").append(esc(picture(set.unit(), i))).append("\" alt=\"").append(esc(e.name()))
                    .append("\" title=\"").append(esc(String.format(Locale.ROOT, "%s: %s %.3g at (%d, %d)", e.name(),
                            set.minimized() ? "min" : "max", e.score(), e.peakRow(), e.peakColumn())))
                    .append("\">");
        }
        return h.toString();
    }
}
