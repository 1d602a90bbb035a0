package dev.neurolens.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * The evaluation of one model.
 *
 * @param model the model file
 * @param images the number of images
 * @param randomizationImages the number of images the randomization checks used
 * @param centrePointingGame the pointing game accuracy of the centre baseline ({@link CentreBaseline})
 * @param centreEnergyInMask the centre baseline's mean energy in the mask
 * @param layers the parametrized layers, input side first
 * @param methods one report per method
 * @param examples the first few samples (whose maps {@link MethodReport#examples()} holds)
 */
public record ModelReport(Path model, int images, int randomizationImages, double centrePointingGame,
        double centreEnergyInMask, List<ParametrizedLayer> layers, List<MethodReport> methods,
        List<EvaluationSample> examples) {

    /** Copies the lists. */
    public ModelReport {
        layers = List.copyOf(layers);
        methods = List.copyOf(methods);
        examples = List.copyOf(examples);
    }
}
