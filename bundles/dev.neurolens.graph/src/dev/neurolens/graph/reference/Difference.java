package dev.neurolens.graph.reference;

/**
 * Finite-difference estimates of one derivative with step {@code h}: central
 * {@code (f(x+h) - f(x-h)) / 2h}, forward {@code (f(x+h) - f(x)) / h} and backward
 * {@code (f(x) - f(x-h)) / h}.
 *
 * @param central the central difference, the estimate to use (error O(h²) where f is smooth)
 * @param forward the forward difference
 * @param backward the backward difference
 * @param step the step h actually taken
 */
public record Difference(double central, double forward, double backward, double step) {

    /**
     * {@code |forward - backward|}: about {@code h·|f''|} where f is smooth, (up to rounding) 0 where
     * it is linear, and the jump of the slope where a kink (ReLU at 0, a Clip bound, a change of the
     * max in a pooling window) lies within the step. In that last case the central difference is off
     * by at most half of it, so it bounds the error a kink causes: estimates whose asymmetry is large
     * compared with the tolerance are not evidence and should be skipped.
     */
    public double asymmetry() {
        return Math.abs(forward - backward);
    }
}
