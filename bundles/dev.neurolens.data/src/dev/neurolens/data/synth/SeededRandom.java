package dev.neurolens.data.synth;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), written out here rather than taken from
 * {@link java.util.SplittableRandom}, whose algorithm the JDK does not promise to keep: a dataset
 * generated from a seed must come out the same on every JDK. Each image gets its own generator,
 * seeded from (dataset seed, image index), so images can be generated in any order and on any
 * number of threads with the same result.
 */
final class SeededRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    private SeededRandom(long state) {
        this.state = state;
    }

    /** The generator for one image of one stream (scene layout, split, ...) of a dataset. */
    static SeededRandom of(long seed, long index, long stream) {
        return new SeededRandom(mix(mix(seed) + GOLDEN * (index + 1) + mix(stream + 0x5DEECE66DL)));
    }

    /** SplitMix64's finalizer: a bijective 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A hash of three values, for position-dependent noise that needs no generator state. */
    static long hash(long a, long b, long c) {
        return mix(mix(mix(a) + b * GOLDEN) + c);
    }

    /** A hash of three values as a double in [0, 1). */
    static double hash01(long a, long b, long c) {
        return (hash(a, b, c) >>> 11) * 0x1.0p-53;
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound) (Lemire's multiply-shift; the bias is below 2^-32). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [min, max). */
    double uniform(double min, double max) {
        return min + (max - min) * nextDouble();
    }
}
