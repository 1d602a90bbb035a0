package dev.neurolens.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The pass/fail checks ({@link Checks}) and the flag for maps that survive the randomization
 * ({@link ReportJson#flags}) on hand-built reports, on both sides of each threshold and on the
 * boundaries themselves: localization = pointing game ≥ 0.90 and ≥ 0.30 above the centre baseline;
 * randomization = final cascading Spearman &lt; 0.3; faithfulness = insertion AUC &gt; deletion AUC;
 * completeness = mean relative |δ| ≤ 0.05.
 */
class ChecksTest {

    /** A report with these metrics; {@code cascading} are the Spearman values, top layer first. */
    static MethodReport report(double pointingGame, double deletionAuc, double insertionAuc,
            OptionalDouble relativeCompleteness, double... cascading) {
        List<LayerStep> steps = new java.util.ArrayList<>();
        for (int k = 0; k < cascading.length; k++) {
            steps.add(new LayerStep("layer" + k, new Similarity(cascading[k], cascading[k] / 2)));
        }
        OptionalDouble abs = relativeCompleteness.isPresent()
                ? OptionalDouble.of(relativeCompleteness.getAsDouble() * 3) : OptionalDouble.empty();
        return new MethodReport("m", "Method", 20, pointingGame, 0.4, deletionAuc, insertionAuc, new double[17],
                new double[17], abs, relativeCompleteness, steps, List.of(), Map.of(), List.of(), Optional.empty());
    }

    private static boolean localization(double pointingGame, double centre) {
        return Checks.of(report(pointingGame, 0.1, 0.5, OptionalDouble.empty()), centre).get("localization");
    }

    private static Map<String, Boolean> randomized(double... cascading) {
        return Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.empty(), cascading), 0.3);
    }

    @Test
    void localizationNeedsAPointingGameOfAtLeastNinetyPercent() {
        assertTrue(localization(1.0, 0.0));
        assertTrue(localization(0.90, 0.0), "exactly 0.90 passes (>=)");
        assertTrue(localization(18 / 20.0, 0.0), "18 of 20 images: 0.90");
        assertTrue(localization(90_000 / 100_000.0, 0.0));
        assertFalse(localization(89_999 / 100_000.0, 0.0), "one image in 100,000 below");
        assertFalse(localization(0.89, 0.0));
        assertFalse(localization(0.0, 0.0));
    }

    @Test
    void localizationNeedsThirtyPointsOverTheCentreBaseline() {
        assertTrue(localization(1.0, 0.5));
        assertTrue(localization(0.95, 0.64));
        assertFalse(localization(0.95, 0.66), "29 points over the baseline");
        assertFalse(localization(1.0, 0.7 + 1e-5), "just under 30 points");
        assertFalse(localization(0.95, 0.95), "no margin");
        // a margin of exactly 30 points, as fractions k/n of the same images give it: 0.95 - 0.65
        // is 0.29999999999999993 in binary, 1.0 - 0.7 is 0.30000000000000004; both are exactly 0.30
        assertTrue(localization(19 / 20.0, 13 / 20.0), "19/20 - 13/20 = 0.30");
        assertTrue(localization(1.0, 0.7), "1 - 7/10 = 0.30");
        assertTrue(localization(0.9, 0.6), "9/10 - 6/10 = 0.30");
        assertTrue(localization(46 / 50.0, 31 / 50.0), "46/50 - 31/50 = 0.30");
        // both conditions: a high margin does not rescue a low pointing game
        assertFalse(localization(0.85, 0.0));
    }

    @Test
    void randomizationPassesBelowAFinalSpearmanOfPointThree() {
        assertTrue(randomized(0.9, 0.5, 0.1).get("randomization"));
        assertTrue(randomized(0.2999).get("randomization"));
        assertTrue(randomized(Math.nextDown(0.3)).get("randomization"));
        assertFalse(randomized(0.3).get("randomization"), "exactly 0.3 fails (<)");
        assertFalse(randomized(0.31).get("randomization"));
        assertTrue(randomized(-0.2).get("randomization"), "anti-correlated maps changed");
        // only the last step counts (every layer randomized), not the top layer alone
        assertTrue(randomized(0.95, 0.29).get("randomization"));
        assertFalse(randomized(0.1, 0.35).get("randomization"));
    }

    @Test
    void randomizationIsLeftOutWhenNotRun() {
        Map<String, Boolean> c = randomized();
        assertFalse(c.containsKey("randomization"), c.toString());
        assertEquals(List.of("localization", "faithfulness"), List.copyOf(c.keySet()));
    }

    @Test
    void faithfulnessNeedsInsertionAboveDeletion() {
        assertTrue(Checks.of(report(0.5, 0.2, 0.5, OptionalDouble.empty()), 0).get("faithfulness"));
        assertTrue(Checks.of(report(0.5, 0.2, Math.nextUp(0.2), OptionalDouble.empty()), 0).get("faithfulness"));
        assertFalse(Checks.of(report(0.5, 0.2, 0.2, OptionalDouble.empty()), 0).get("faithfulness"), "equal (>)");
        assertFalse(Checks.of(report(0.5, 0.5, 0.2, OptionalDouble.empty()), 0).get("faithfulness"));
    }

    @Test
    void completenessAllowsAFivePercentError() {
        assertTrue(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(0.0)), 0).get("completeness"));
        assertTrue(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(0.0286)), 0).get("completeness"));
        assertTrue(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(0.05)), 0).get("completeness"),
                "exactly 0.05 passes (<=)");
        assertFalse(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(Math.nextUp(0.05))), 0).get("completeness"));
        assertFalse(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(0.7434)), 0).get("completeness"));
        assertFalse(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.of(Double.NaN)), 0).get("completeness"),
                "an undefined error does not pass");
        assertFalse(Checks.of(report(0.5, 0.1, 0.5, OptionalDouble.empty()), 0).containsKey("completeness"));
    }

    @Test
    void allChecksInTheirOrderAndNoneForAFailedMethod() {
        Map<String, Boolean> c = Checks.of(report(0.95, 0.1, 0.5, OptionalDouble.of(0.01), 0.8, 0.1), 0.3);
        assertEquals(Map.of("localization", true, "randomization", true, "faithfulness", true, "completeness", true),
                c);
        assertEquals(List.of("localization", "randomization", "faithfulness", "completeness"), List.copyOf(c.keySet()));
        assertTrue(Checks.of(MethodReport.failed("m", "Method", "no gradient"), 0.3).isEmpty());
    }

    @Test
    void withRandomizationComputesThePasses() {
        MethodReport r = report(0.95, 0.1, 0.5, OptionalDouble.empty());
        assertTrue(r.passes().isEmpty(), "hand-built without checks");
        MethodReport still = r.withRandomization(List.of(new LayerStep("/fc/Gemm", new Similarity(0.9, 0.8)),
                new LayerStep("/conv1/Conv", new Similarity(0.6, 0.5))), List.of(), 0.6);
        assertEquals(Map.of("localization", true, "randomization", false, "faithfulness", true), still.passes());
        assertEquals(0.6, still.fullyRandomized().orElseThrow().spearman());
        MethodReport changed = r.withRandomization(List.of(new LayerStep("/fc/Gemm", new Similarity(0.1, 0.1))),
                List.of(), 0.7);
        assertEquals(Map.of("localization", false, "randomization", true, "faithfulness", true), changed.passes());
    }

    @Test
    void aMethodWhoseMapsDoNotChangeIsFlagged() {
        List<String> flags = ReportJson.flags(report(0.5, 0.1, 0.5, OptionalDouble.empty(), 0.95, 0.9));
        assertEquals(1, flags.size(), flags.toString());
        assertTrue(flags.get(0).contains("maps barely change when every layer is randomized")
                && flags.get(0).contains("Spearman 0.90"), flags.get(0));
        assertEquals(1, ReportJson.flags(report(0.5, 0.1, 0.5, OptionalDouble.empty(), 0.3)).size(),
                "exactly 0.3 is flagged");
        assertEquals(List.of(), ReportJson.flags(report(0.5, 0.1, 0.5, OptionalDouble.empty(), 0.2999)));
        assertEquals(List.of(), ReportJson.flags(report(0.5, 0.1, 0.5, OptionalDouble.empty(), 0.97, 0.1)),
                "only the last step counts");
        assertEquals(List.of(), ReportJson.flags(report(0.5, 0.1, 0.5, OptionalDouble.empty())), "not run");
        assertEquals(List.of(), ReportJson.flags(MethodReport.failed("m", "Method", "no gradient")));
    }

    @Test
    void theFlagIsTheFailedRandomizationCheck() {
        for (double rho : new double[] {-1, -0.3, 0, 0.1, 0.2999, Math.nextDown(0.3), 0.3, Math.nextUp(0.3), 0.5, 1}) {
            MethodReport r = report(0.5, 0.1, 0.5, OptionalDouble.empty(), 0.9, rho);
            assertEquals(!Checks.of(r, 0).get("randomization"), !ReportJson.flags(r).isEmpty(), "Spearman " + rho);
        }
    }
}
