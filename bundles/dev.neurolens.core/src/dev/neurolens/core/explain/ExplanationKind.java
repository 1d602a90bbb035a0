package dev.neurolens.core.explain;

/** What an explainer produces, so that front ends know how to show it. */
public enum ExplanationKind {
    /** a map per image, in input space or at a layer's resolution ({@link AttributionResult}) */
    ATTRIBUTION_MAP,
    /** a report per unit of a layer: label, score, exemplars ({@link UnitReport}) */
    UNIT_REPORT,
    /** synthesized images, e.g. feature visualizations ({@link ImageResult}) */
    IMAGE
}
