package dev.neurolens.featurevis.param;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Lucid's / Lucent's decorrelated spatial parameterization ({@code fft_image}): each plane is the
 * orthonormal inverse real 2-D FFT of a half spectrum {@code Z[k,l]} ({@code l ≤ W/2}) whose
 * coefficients are scaled by {@code 1 / max(f, 1/max(H,W))^decay} (a 1/f spectrum, natural
 * images' statistics), divided by 4 (Lucid's "magic" constant):
 *
 * <pre>x[n,m] = 1/(4√(HW)) Σ_k Σ_l c_l · Re(s[k,l]·Z[k,l]·e^{2πi(kn/H + lm/W)})</pre>
 *
 * with {@code c_l = 1} for the DC and Nyquist columns and 2 otherwise — exactly numpy's
 * {@code irfft2(…, norm="ortho")}, which ignores the imaginary parts that a real signal cannot
 * have. Parameters are laid out {@code [N,3,H,W/2+1,2]} (real, imaginary). The FFTs are
 * JTransforms'.
 */
public final class FourierBasis implements SpatialBasis {
    /** Lucid's constant divisor of the image. */
    static final double MAGIC = 4.0;

    private final int batch;
    private final int height;
    private final int width;
    private final int half;
    private final double[] scale;
    private final DoubleFFT_1D rows;
    private final DoubleFFT_1D columns;

    /**
     * @param decay the spectrum's decay power (Lucid's default 1)
     */
    public FourierBasis(int batch, int height, int width, double decay) {
        if (batch < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image batch and size must be positive");
        }
        this.batch = batch;
        this.height = height;
        this.width = width;
        this.half = width / 2 + 1;
        this.scale = spectrumScale(height, width, decay);
        this.rows = new DoubleFFT_1D(width);
        this.columns = new DoubleFFT_1D(height);
    }

    /**
     * Lucid's {@code rfft2d_freqs} and scale: {@code 1 / max(√(fx² + fy²), 1/max(H,W))^decay} for
     * numpy's {@code fftfreq} frequencies, {@code [H, W/2+1]}.
     */
    static double[] spectrumScale(int h, int w, double decay) {
        int half = w / 2 + 1;
        double[] s = new double[h * half];
        double floor = 1.0 / Math.max(h, w);
        for (int k = 0; k < h; k++) {
            double fy = fftFrequency(k, h);
            for (int l = 0; l < half; l++) {
                double fx = fftFrequency(l, w);
                double f = Math.sqrt(fx * fx + fy * fy);
                s[k * half + l] = 1.0 / Math.pow(Math.max(f, floor), decay);
            }
        }
        return s;
    }

    /** numpy's {@code fftfreq(n)[i]}: {@code i/n} for the first half, {@code (i-n)/n} after. */
    static double fftFrequency(int i, int n) {
        return (i < (n + 1) / 2 ? i : i - n) / (double) n;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int size() {
        return batch * 3 * height * half * 2;
    }

    @Override
    public double[] apply(double[] params) {
        check(params.length, size());
        double[] out = new double[planeSize()];
        double norm = 1.0 / (MAGIC * Math.sqrt((double) height * width));
        double[] column = new double[2 * height];
        double[] row = new double[2 * width];
        double[] mixed = new double[height * half * 2];
        for (int p = 0; p < batch * 3; p++) {
            int spectrum = p * height * half * 2;
            // inverse DFT over k for every column l of the scaled half spectrum
            for (int l = 0; l < half; l++) {
                for (int k = 0; k < height; k++) {
                    double s = scale[k * half + l];
                    int at = spectrum + (k * half + l) * 2;
                    column[2 * k] = s * params[at];
                    column[2 * k + 1] = s * params[at + 1];
                }
                columns.complexInverse(column, false);
                for (int n = 0; n < height; n++) {
                    mixed[(n * half + l) * 2] = column[2 * n];
                    mixed[(n * half + l) * 2 + 1] = column[2 * n + 1];
                }
            }
            // inverse DFT over l of c_l·U[n,l] (zero beyond W/2), real part
            for (int n = 0; n < height; n++) {
                java.util.Arrays.fill(row, 0);
                for (int l = 0; l < half; l++) {
                    double c = weight(l);
                    row[2 * l] = c * mixed[(n * half + l) * 2];
                    row[2 * l + 1] = c * mixed[(n * half + l) * 2 + 1];
                }
                rows.complexInverse(row, false);
                int plane = p * height * width + n * width;
                for (int m = 0; m < width; m++) {
                    out[plane + m] = row[2 * m] * norm;
                }
            }
        }
        return out;
    }

    @Override
    public double[] adjoint(double[] planeGradient) {
        check(planeGradient.length, planeSize());
        double norm = 1.0 / (MAGIC * Math.sqrt((double) height * width));
        // forward DFT over m of every row, kept for l ≤ W/2 and weighted by c_l; then over n of
        // every column, times the spectrum scale
        return forwardHalfSpectrum(planeGradient, true, (k, l) -> scale[k * half + l] * norm);
    }

    /**
     * The orthonormal forward real FFT of the planes, unscaled: since {@code irfft2(rfft2(x)) = x}
     * for real x, these parameters reproduce the planes.
     */
    @Override
    public double[] inverse(double[] planes) {
        check(planes.length, planeSize());
        double norm = MAGIC / Math.sqrt((double) height * width);
        return forwardHalfSpectrum(planes, false, (k, l) -> norm / scale[k * half + l]);
    }

    /** A factor per spectrum position {@code (k, l)}. */
    private interface SpectrumFactor {
        double at(int k, int l);
    }

    /**
     * The forward 2-D DFT of every plane, kept for the columns {@code l ≤ W/2}: rows first
     * (optionally weighted by {@code c_l}), then columns, each coefficient times {@code factor}.
     */
    private double[] forwardHalfSpectrum(double[] planes, boolean weightColumns, SpectrumFactor factor) {
        double[] out = new double[size()];
        double[] column = new double[2 * height];
        double[] row = new double[2 * width];
        double[] mixed = new double[height * half * 2];
        for (int p = 0; p < batch * 3; p++) {
            for (int n = 0; n < height; n++) {
                int plane = p * height * width + n * width;
                for (int m = 0; m < width; m++) {
                    row[2 * m] = planes[plane + m];
                    row[2 * m + 1] = 0;
                }
                rows.complexForward(row);
                for (int l = 0; l < half; l++) {
                    double c = weightColumns ? weight(l) : 1;
                    mixed[(n * half + l) * 2] = c * row[2 * l];
                    mixed[(n * half + l) * 2 + 1] = c * row[2 * l + 1];
                }
            }
            int spectrum = p * height * half * 2;
            for (int l = 0; l < half; l++) {
                for (int n = 0; n < height; n++) {
                    column[2 * n] = mixed[(n * half + l) * 2];
                    column[2 * n + 1] = mixed[(n * half + l) * 2 + 1];
                }
                columns.complexForward(column);
                for (int k = 0; k < height; k++) {
                    double f = factor.at(k, l);
                    int at = spectrum + (k * half + l) * 2;
                    out[at] = f * column[2 * k];
                    out[at + 1] = f * column[2 * k + 1];
                }
            }
        }
        return out;
    }

    /** {@code c_l}: 1 for the DC column and (even widths) the Nyquist column, else 2. */
    private double weight(int l) {
        return l == 0 || 2 * l == width ? 1 : 2;
    }

    private static void check(int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("expected " + expected + " values, got " + length);
        }
    }
}
