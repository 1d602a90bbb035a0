package dev.neurolens.featurevis;

/** The dominant spatial frequency of an image, by a plain 2-D DFT (an independent reference). */
final class Spectra {
    private Spectra() {
    }

    static double[] gray(double[] chw, int h, int w) {
        int plane = h * w;
        double[] g = new double[plane];
        for (int i = 0; i < plane; i++) {
            g[i] = (chw[i] + chw[plane + i] + chw[2 * plane + i]) / 3;
        }
        return g;
    }

    /**
     * The direction (radians in [0, π)) of the frequency vector with the largest power, DC
     * excluded: 0 for intensity varying along x (vertical stripes).
     */
    static double dominantOrientation(double[] img, int h, int w) {
        double mean = 0;
        for (double v : img) {
            mean += v / img.length;
        }
        double best = -1;
        double angle = 0;
        for (int ky = -h / 2; ky < h / 2; ky++) {
            for (int kx = 0; kx < w / 2; kx++) {
                if (kx == 0 && ky <= 0) {
                    continue;
                }
                double re = 0;
                double im = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double a = 2 * Math.PI * ((double) ky * y / h + (double) kx * x / w);
                        re += (img[y * w + x] - mean) * Math.cos(a);
                        im -= (img[y * w + x] - mean) * Math.sin(a);
                    }
                }
                double power = re * re + im * im;
                if (power > best) {
                    best = power;
                    angle = Math.atan2((double) ky / h, (double) kx / w);
                }
            }
        }
        return angle < 0 ? angle + Math.PI : angle;
    }

    /** The smallest difference between two orientations (mod π). */
    static double angleBetween(double a, double b) {
        double d = Math.abs(a - b) % Math.PI;
        return Math.min(d, Math.PI - d);
    }
}
