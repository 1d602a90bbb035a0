package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.AtomicFiles;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.CancelledException;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.SceneGenerator;
import dev.neurolens.dissect.Dissection;
import dev.neurolens.dissect.DissectionSettings;
import dev.neurolens.dissect.Dissector;
import dev.neurolens.dissect.ExemplarSet;
import dev.neurolens.dissect.ImageSource;
import dev.neurolens.dissect.UnitDissection;
import dev.neurolens.dissect.compose.CompositionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The demo's dissection section: Network Dissection of the bundled VGG shape model's last
 * convolutional layer over a few hundred freshly generated scenes (a second or two), with
 * formulas and exemplars of the units with the highest IoU.
 */
final class DissectionDemo {
    static final String MODEL = "shapes_vgg.onnx";
    static final String LAYER = "/features/features.16/Relu";
    private static final int IMAGES = 300;
    private static final int SHOW_UNITS = 12;

    private DissectionDemo() {
    }

    /**
     * The rendered section.
     *
     * @param html the section ({@code ""} without the model)
     * @param model the dissected model file
     * @param labels the units shown, in order, with their best concept (empty when nothing was dissected)
     */
    record Section(String html, Path model, Map<Integer, String> labels) {
    }

    /** Renders the section; pictures go to {@code out/dissection/}. */
    static Section render(Session session, Path out, ConsoleProgress progress) throws IOException {
        Path path = session.home().resolve("models").resolve(MODEL);
        if (!Files.isRegularFile(path)) {
            return new Section("", path, Map.of());
        }
        progress.subTask("dissection of " + MODEL);
        Path temp = Files.createTempDirectory("neurolens-demo-dissect");
        try (LoadedModel model = session.open(path, ModelOptions.defaults())) {
            GeneratorConfig config = GeneratorConfig.builder().seed(EvaluateCommand.DEFAULT_SEED).count(IMAGES)
                    .size(64, 64).objects(1, 2).objectSize(0.18, 0.32).texturedProbability(0.3, 0.5).threads(1)
                    .build();
            BrodenDataset dataset = BrodenDataset.open(new SceneGenerator(config).generate(temp.resolve("scenes"),
                    Progress.NONE));
            DissectionSettings settings = DissectionSettings.defaults().withTop(3, false)
                    .withComposition(CompositionSettings.DEFAULTS);
            Dissection d = new Dissector(settings).dissect(model, LAYER, dataset, progress.cancellationOnly());
            List<UnitDissection> top = d.units().stream()
                    .sorted(Comparator.comparingDouble((UnitDissection u) -> -u.best().iou())).limit(SHOW_UNITS)
                    .toList();
            List<ExemplarSet> sets = top.stream().map(UnitDissection::exemplars).filter(Objects::nonNull).toList();
            for (Map.Entry<String, byte[]> p : DissectionPage.pictures(sets, ImageSource.of(dataset),
                    model.info().preprocessing()).entrySet()) {
                AtomicFiles.write(out.resolve("dissection").resolve(p.getKey()), o -> o.write(p.getValue()));
            }
            String table = DissectionPage.table(d, top).replace("src=\"exemplars/", "src=\"dissection/exemplars/");
            Map<Integer, String> labels = new java.util.LinkedHashMap<>();
            top.forEach(u -> labels.put(u.unit(), u.best().label() + " (" + u.best().category() + ")"));
            return new Section("<h2>Dissection: what the units of a layer detect</h2>\n<p class=\"sub\">Network Dissection"
                    + " (Bau et al. 2017) of <code>models/" + MODEL + "</code> over " + IMAGES + " generated scenes"
                    + " with pixel labels for object, colour, texture and scene; the " + SHOW_UNITS + " units with"
                    + " the highest IoU, their best formula (Mu &amp; Andreas 2020) and top images, cropped to the"
                    + " receptive field with the unit's mask highlighted. <code>neurolens dissect</code> does this"
                    + " for any layer and dataset (docs/dissection.md).</p>\n" + DissectionPage.summary(d) + table, path,
                    labels);
        } catch (CancelledException e) {
            throw e;
        } catch (NeuroLensException e) {
            return new Section("<h2>Dissection</h2>\n<p class=\"sub\">" + Html.esc(e.getMessage()) + "</p>\n", path,
                    Map.of());
        } finally {
            delete(temp);
        }
    }

    /** Deletes a folder tree. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
