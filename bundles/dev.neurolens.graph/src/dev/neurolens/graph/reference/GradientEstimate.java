package dev.neurolens.graph.reference;

/**
 * A finite-difference gradient: per element the central difference and its
 * {@linkplain Difference#asymmetry() asymmetry}, which flags elements near a kink.
 *
 * @param central the central differences, of the shape of the point
 * @param asymmetry per element {@code |forward - backward|}, of the same shape
 */
public record GradientEstimate(DoubleTensor central, DoubleTensor asymmetry) {

    /**
     * Which elements are near a kink: those whose asymmetry exceeds {@code threshold} (the central
     * difference may then be off by up to half the asymmetry).
     */
    public boolean[] nearKink(double threshold) {
        boolean[] k = new boolean[asymmetry.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = asymmetry.get(i) > threshold;
        }
        return k;
    }
}
