package dev.neurolens.attribution.support;

import dev.neurolens.core.explain.ParameterDescriptor;
import java.util.List;

/**
 * The {@code view} parameter of input-space methods: how front ends reduce a {@code [C,H,W]} map
 * to one value per pixel for the PNG. It never changes the raw attribution ({@code .npy}).
 * {@code signed}: sum over channels, drawn with a diverging colormap; {@code abs}: sum of
 * absolute values; {@code max}: largest absolute value over channels (Simonyan et al. 2014).
 */
public final class DisplayView {
    /** The parameter name. */
    public static final String NAME = "view";
    /** The choices. */
    public static final List<String> CHOICES = List.of("signed", "abs", "max");

    private DisplayView() {
    }

    /** The parameter with the given default (one of {@link #CHOICES}). */
    public static ParameterDescriptor parameter(String defaultValue) {
        return ParameterDescriptor.choice(NAME, "display only: how the PNG reduces channels (signed = sum, "
                + "abs = sum of |.|, max = max |.|); the .npy is always the raw map", defaultValue, CHOICES);
    }
}
