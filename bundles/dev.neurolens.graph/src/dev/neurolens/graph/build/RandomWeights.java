package dev.neurolens.graph.build;

import java.util.SplittableRandom;

/**
 * Seeded random values for weights and inputs of test models. The same seed gives the same values
 * on every JVM ({@link SplittableRandom} is specified exactly), so tests are reproducible.
 *
 * <p>Besides plain uniform and normal draws it offers values that keep a distance from given
 * points (the kinks of ReLU, Clip and friends) and pairwise distinct values (max pooling without
 * ties), so that finite differences and float32 engines agree on which branch is taken. An
 * instance is a stream of draws and is not thread-safe.
 */
public final class RandomWeights {
    private final SplittableRandom random;

    /** Draws from a generator seeded with {@code seed}. */
    public RandomWeights(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code n} values uniform in {@code [lo, hi)}. */
    public float[] uniform(int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(lo, hi);
        }
        return v;
    }

    /** {@code n} values from a normal distribution with mean 0 and the given standard deviation. */
    public float[] normal(int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    /**
     * {@code n} weights with He initialisation, normal with standard deviation √(2/fanIn), which keeps
     * activations of order one through ReLU layers.
     */
    public float[] he(int n, int fanIn) {
        return normal(n, Math.sqrt(2.0 / fanIn));
    }

    /**
     * {@code n} values uniform in {@code [lo, hi)}, each at least {@code margin} away from every
     * point in {@code kinks} (redrawn until it is).
     *
     * @throws IllegalArgumentException if the margins leave no room in the interval
     */
    public float[] awayFrom(int n, double lo, double hi, double margin, double... kinks) {
        double free = hi - lo;
        for (double k : kinks) {
            free -= 2 * margin;
        }
        if (free <= 0.1 * (hi - lo)) {
            throw new IllegalArgumentException("margins around " + java.util.Arrays.toString(kinks)
                    + " leave too little of [" + lo + ", " + hi + ")");
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            float x;
            do {
                x = (float) random.nextDouble(lo, hi);
            } while (near(x, margin, kinks));
            v[i] = x;
        }
        return v;
    }

    /**
     * {@code n} pairwise distinct values in {@code [lo, hi)} whose gaps are at least a third of
     * {@code (hi - lo) / n}: a shuffled even grid with jitter. Max pooling over such values has no
     * ties, so its gradient is unambiguous.
     */
    public float[] distinct(int n, double lo, double hi) {
        double cell = (hi - lo) / n;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + cell * (i + 1.0 / 3 + random.nextDouble() / 3));
        }
        shuffle(v);
        return v;
    }

    /**
     * {@code n} values with random sign and magnitude uniform in {@code [minAbs, maxAbs)}: inputs of
     * a division, or values kept away from zero.
     */
    public float[] signed(int n, double minAbs, double maxAbs) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double m = random.nextDouble(minAbs, maxAbs);
            v[i] = (float) (random.nextBoolean() ? m : -m);
        }
        return v;
    }

    /** {@code n} integers uniform in {@code [lo, hi)}. */
    public long[] integers(int n, long lo, long hi) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextLong(lo, hi);
        }
        return v;
    }

    /** One value uniform in {@code [lo, hi)}. */
    public double nextDouble(double lo, double hi) {
        return random.nextDouble(lo, hi);
    }

    private static boolean near(double x, double margin, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(x - k) < margin) {
                return true;
            }
        }
        return false;
    }

    private void shuffle(float[] v) {
        for (int i = v.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }
}
