package dev.neurolens.evaluation;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.CategoryLabels;
import dev.neurolens.data.Label;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.data.synth.RenderedScene;
import dev.neurolens.data.synth.SceneGenerator;
import dev.neurolens.data.synth.SceneLabels;
import dev.neurolens.data.synth.ShapeKind;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The images an evaluation runs on, with object masks and target classes: freshly generated
 * synthetic scenes, or the images of a Broden dataset whose {@code object} labels name the model's
 * classes. The target of an image is the model class of its largest labelled object; the mask is
 * that object's pixels, carried through the model's resize ({@link MaskFitting}).
 */
public final class SampleSets {
    /** The Broden category that holds object masks. */
    public static final String OBJECT = SceneLabels.OBJECT;

    private SampleSets() {
    }

    /**
     * The generator settings the reference shape models were trained with ({@code models/README.md}:
     * one object of circumradius 0.18–0.32, plain objects, half the backgrounds textured), at the
     * model's input size, with another seed.
     */
    public static GeneratorConfig shapesLikeTraining(long seed, int count, Preprocessing p) {
        return GeneratorConfig.builder().seed(seed).count(count).size(p.width(), p.height()).objects(1, 1)
                .objectSize(0.18, 0.32).texturedProbability(0, 0.5).threads(1).build();
    }

    /**
     * {@code config.count()} generated scenes.
     *
     * @throws NeuroLensException if the model's classes are not the generator's shapes
     */
    public static List<EvaluationSample> generated(GeneratorConfig config, Preprocessing p) {
        List<String> shapes = config.shapes().stream().map(ShapeKind::label).toList();
        if (p.labels().isEmpty() || !shapes.containsAll(p.labels())) {
            throw new NeuroLensException("the model's classes " + describe(p.labels())
                    + " are not shapes of the scene generator " + shapes
                    + "; evaluate it on a Broden dataset whose object labels are its classes (--dataset)");
        }
        SceneGenerator generator = new SceneGenerator(config);
        List<EvaluationSample> out = new ArrayList<>();
        for (int i = 0; i < config.count(); i++) {
            RenderedScene r = generator.render(i);
            IntFunction<String> name = n -> generator.labels().space().name(n);
            sample(generator.imageName(i), r.image(), r.mask(OBJECT), r.maskWidth(), r.maskHeight(), name, p)
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * Up to {@code limit} images of a Broden dataset (in index order) that hold an object of one of
     * the model's classes.
     *
     * @throws NeuroLensException if the dataset has no {@code object} category, none of its object
     *     labels is a class of the model, or a file is malformed (naming the file and row)
     */
    public static List<EvaluationSample> broden(BrodenDataset dataset, Preprocessing p, int limit) {
        if (!dataset.categoryNames().contains(OBJECT)) {
            throw new NeuroLensException(dataset.directory().resolve("category.csv") + " has no '" + OBJECT
                    + "' category (categories: " + dataset.categoryNames() + "); the evaluation needs object masks");
        }
        List<String> objectLabels = dataset.labels().stream()
                .filter(l -> l.categories().isEmpty() || l.categories().containsKey(OBJECT)).map(Label::name)
                .toList();
        if (p.labels().stream().noneMatch(objectLabels::contains)) {
            throw new NeuroLensException("the model's classes " + describe(p.labels()) + " match no object label of "
                    + dataset.directory() + " (" + shorten(objectLabels) + ")");
        }
        List<EvaluationSample> out = new ArrayList<>();
        for (int i = 0; i < dataset.size() && out.size() < limit; i++) {
            CategoryLabels labels = dataset.read(i, List.of(OBJECT)).category(OBJECT);
            if (labels.maskCount() == 0) {
                continue;
            }
            BufferedImage image = dataset.readImage(i);
            IntFunction<String> name = n -> dataset.label(n) == null ? "" : dataset.label(n).name();
            sample(dataset.image(i).image(), image, labels.mask(0), labels.width(), labels.height(), name, p)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The sample of one image: its largest object whose label is a class of the model, if any. */
    static Optional<EvaluationSample> sample(String imageName, BufferedImage image, int[] objectMask, int maskWidth,
            int maskHeight, IntFunction<String> labelName, Preprocessing p) {
        Map<Integer, Integer> pixels = new HashMap<>();
        for (int v : objectMask) {
            if (v > 0) {
                pixels.merge(v, 1, Integer::sum);
            }
        }
        int best = 0;
        int bestClass = -1;
        for (var e : pixels.entrySet()) {
            int c = p.labels().indexOf(labelName.apply(e.getKey()));
            if (c >= 0 && (e.getValue() > pixels.getOrDefault(best, 0)
                    || e.getValue().equals(pixels.get(best)) && e.getKey() < best)) {
                best = e.getKey();
                bestClass = c;
            }
        }
        if (bestClass < 0) {
            return Optional.empty();
        }
        boolean[] mask = new boolean[objectMask.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = objectMask[i] == best;
        }
        BufferedImage fitted = Images.fit(image, p);
        boolean[] fittedMask = MaskFitting.fit(mask, maskWidth, maskHeight, image.getWidth(), image.getHeight(), p);
        return Optional.of(new EvaluationSample(imageName, Images.toTensor(fitted, p), fitted, fittedMask, bestClass));
    }

    private static String describe(List<String> labels) {
        return labels.isEmpty() ? "(none: the model has no labels in its sidecar)" : shorten(labels);
    }

    private static String shorten(List<String> names) {
        List<String> head = names.size() > 12 ? names.subList(0, 12) : names;
        return String.format(Locale.ROOT, "[%s%s]", String.join(", ", head), names.size() > 12 ? ", ..." : "");
    }
}
