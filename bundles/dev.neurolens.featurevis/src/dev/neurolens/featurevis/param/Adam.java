package dev.neurolens.featurevis.param;

/**
 * Adam (Kingma & Ba 2015) for gradient <em>ascent</em>, with PyTorch's defaults
 * ({@code β1 = 0.9, β2 = 0.999, ε = 1e-8}):
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code p ← p + lr · (m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)}.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int t;

    /** An optimizer for {@code size} parameters. */
    public Adam(int size, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive");
        }
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** One step up the gradient {@code g}, in place. */
    public void ascend(double[] params, double[] g) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            params[i] += learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }
}
