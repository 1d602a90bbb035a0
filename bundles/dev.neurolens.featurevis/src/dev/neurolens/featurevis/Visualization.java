package dev.neurolens.featurevis;

import java.util.List;

/**
 * The result of optimizing a batch of images.
 *
 * @param rgb the images {@code [N,3,size,size]} in [0,1] (flat)
 * @param batch N
 * @param height the images' height
 * @param width the images' width
 * @param values the objective of every image at every step (on the transformed image the step
 *     saw, including the diversity term if any), {@code [steps][N]}
 * @param finalValues every image's objective on the final image resized to the input, without
 *     transformations
 * @param initialValues the same for the starting images
 * @param randomValues every image's objective on uniform random images, averaged over
 *     {@value FeatureVisualizer#RANDOM_IMAGES} draws (a baseline)
 * @param millisPerStep mean wall time of a step (Java and engine)
 * @param engineMillisPerStep mean time of the engine call within a step
 * @param compileMillis time to build and compile the objective graph
 */
public record Visualization(double[] rgb, int batch, int height, int width, List<double[]> values,
        double[] finalValues, double[] initialValues, double[] randomValues, double millisPerStep, double engineMillisPerStep,
        double compileMillis) {

    /** Image {@code n} as {@code [3,H,W]} values in [0,1]. */
    public double[] image(int n) {
        int size = 3 * height * width;
        double[] out = new double[size];
        System.arraycopy(rgb, n * size, out, 0, size);
        return out;
    }

    /** The mean objective over the batch at every step. */
    public double[] meanPerStep() {
        double[] m = new double[values.size()];
        for (int s = 0; s < m.length; s++) {
            double sum = 0;
            for (double v : values.get(s)) {
                sum += v;
            }
            m[s] = sum / batch;
        }
        return m;
    }
}
