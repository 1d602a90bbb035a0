package dev.neurolens.cli;

import static dev.neurolens.cli.Html.esc;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Png;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.featurevis.FeatureVisualizer;
import dev.neurolens.featurevis.ImageGrid;
import dev.neurolens.featurevis.Layers;
import dev.neurolens.featurevis.Objective;
import dev.neurolens.featurevis.Objectives;
import dev.neurolens.featurevis.Visualization;
import dev.neurolens.featurevis.VisualizationSettings;
import dev.neurolens.graph.GraphRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo page's feature-visualization section: what the first channels of the model's last
 * convolution respond to most, optimized together in one batch (a few seconds), each with an
 * optional label (e.g. its Network Dissection concept).
 */
final class FeatureVisDemo {
    /** Channels shown. */
    static final int CHANNELS = 16;
    /** Steps: half the command's default, to keep the demo quick. */
    static final int STEPS = 128;

    private FeatureVisDemo() {
    }

    /**
     * Optimizes the images, writes {@code unit-<c>.png} to {@code out} and returns the section.
     *
     * @param shown the channels to show, or {@code null} for the first {@link #CHANNELS}
     * @param labels a label per channel where known (may be empty)
     */
    static String render(LoadedModel model, List<Integer> shown, Map<Integer, String> labels, Path out,
            Progress progress) throws IOException {
        String layer;
        Visualization v;
        List<Integer> channels = new ArrayList<>();
        try {
            layer = Layers.lastConv(model.info());
            Objectives o = new Objectives(model.capability(GraphRunner.class).orElseThrow(() -> new NeuroLensException(
                    "the engine cannot compute gradients")), model.info().outputs().get(0).name());
            List<Objective> units = new ArrayList<>();
            int available = o.channels(layer);
            List<Integer> wanted = shown != null ? shown
                    : java.util.stream.IntStream.range(0, Math.min(CHANNELS, available)).boxed().toList();
            for (int c : wanted) {
                if (c < available) {
                    units.add(o.channel(layer, c));
                    channels.add(c);
                }
            }
            progress.subTask("feature visualization");
            v = new FeatureVisualizer(model).run(units, VisualizationSettings.defaults().withSteps(STEPS), null,
                    progress.cancellationOnly());
        } catch (NeuroLensException e) {
            return "<h2>What the units respond to</h2>\n<p class=\"note\">Feature visualization failed: "
                    + esc(e.getMessage()) + "</p>\n";
        }
        StringBuilder h = new StringBuilder(4096);
        h.append("<h2>What the units respond to</h2>\n<p class=\"sub\">Feature visualization of ")
                .append(shown == null ? "channels 0–" + (channels.size() - 1) + " of" : "the units above at")
                .append(" <code>").append(esc(layer)).append("</code>")
                .append(labels.isEmpty() ? "" : " (the convolution whose ReLU was dissected; label: best concept)")
                .append(": images optimized")
                .append(" so that the channel's mean activation is as large as possible (").append(STEPS)
                .append(" Adam steps, Fourier parameterization, colour decorrelation, random jitter/scale/rotation;")
                .append(String.format(Locale.ROOT, " %.1f ms per step for all %d).", v.millisPerStep(),
                        channels.size()))
                .append(" <code>neurolens visualize</code> makes more.</p>\n<div class=\"card\">\n");
        for (int i = 0; i < channels.size(); i++) {
            int c = channels.get(i);
            String file = "unit-" + c + ".png";
            Png.write(ImageGrid.rgb(v.image(i), v.height(), v.width()), out.resolve(file));
            h.append("<figure><img src=\"").append(file).append("\" width=\"96\" alt=\"channel ").append(c)
                    .append("\"><figcaption>channel ").append(c);
            String label = labels.get(c);
            if (label != null) {
                h.append("<br><b>").append(esc(label)).append("</b>");
            }
            h.append(String.format(Locale.ROOT, "<br>%.2f → %.2f", v.initialValues()[i], v.finalValues()[i]))
                    .append("</figcaption></figure>\n");
        }
        return h.append("</div>\n").toString();
    }
}
