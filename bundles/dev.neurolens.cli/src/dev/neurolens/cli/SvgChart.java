package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small inline SVG line chart: one line per series over shared x labels, y in a fixed range. */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 640;
    private static final int H = 260;
    private static final int LEFT = 44;
    private static final int RIGHT = 150;
    private static final int TOP = 14;
    private static final int BOTTOM = 36;

    private SvgChart() {
    }

    /**
     * The chart as an {@code <svg>} element.
     *
     * @param xLabels the x positions' labels (shown as tooltips and at both ends)
     * @param series values by series name, each as long as {@code xLabels} (NaN leaves a gap)
     */
    static String lines(String yTitle, String xTitle, List<String> xLabels, Map<String, double[]> series,
            double yMin, double yMax) {
        int n = xLabels.size();
        double pw = W - LEFT - RIGHT;
        double ph = H - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-size=\"11\" font-family=\"sans-serif\">%n", W, H, W, H));
        for (double y = yMin; y <= yMax + 1e-9; y += (yMax - yMin) / 4) {
            double py = TOP + ph * (yMax - y) / (yMax - yMin);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT, LEFT + pw, py, py, LEFT - 4,
                    py + 4, y));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>%n", LEFT, H - 4,
                esc(xTitle)));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" fill=\"#555\">%s</text>%n", TOP - 2, esc(yTitle)));
        int k = 0;
        for (var e : series.entrySet()) {
            String color = COLORS[k % COLORS.length];
            StringBuilder path = new StringBuilder();
            double[] v = e.getValue();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                double px = LEFT + (n == 1 ? pw / 2 : pw * i / (n - 1));
                double py = TOP + ph * (yMax - Math.max(yMin, Math.min(yMax, v[i]))) / (yMax - yMin);
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"><title>%s, %s:"
                        + " %.3f</title></circle>%n", px, py, color, esc(e.getKey()), esc(xLabels.get(i)), v[i]));
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"1.5\"/>\n");
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + pw + 8,
                    TOP + 12 + 14 * k, color, esc(e.getKey())));
            k++;
        }
        s.append("</svg>\n");
        return s.toString();
    }
}
