package dev.neurolens.milan;

/**
 * A candidate description of a unit with its scores:
 * {@code pmi = logLikelihood - lambda * logPrior} (MILAN eq. 1, with natural logarithms).
 *
 * @param text the description
 * @param pmi the weighted pointwise mutual information it is ranked by
 * @param logLikelihood {@code log p(d|E)}
 * @param logPrior {@code log p(d)}
 */
public record ScoredDescription(String text, double pmi, double logLikelihood, double logPrior) {
}
