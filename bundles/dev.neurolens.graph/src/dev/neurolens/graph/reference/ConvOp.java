package dev.neurolens.graph.reference;

import java.util.Arrays;

/**
 * Conv-11: {@code X [N, C, D1…Dn]} (n ≤ 3) with weights {@code W [M, C/group, k1…kn]} and optional
 * bias {@code B [M]}; output channel {@code m} of group {@code g = m / (M/group)} sums over input
 * channels {@code g·C/group … (g+1)·C/group - 1}. Padding and output size as in {@link Window}.
 */
final class ConvOp {
    private ConvOp() {
    }

    static DoubleTensor apply(OpNode n) {
        DoubleTensor x = n.input(0);
        DoubleTensor w = n.input(1);
        int[] xs = x.dims();
        int[] ws = w.dims();
        if (xs.length < 3 || ws.length != xs.length) {
            throw new IllegalArgumentException("Conv needs X and W of the same rank >= 3, got " + Arrays.toString(xs)
                    + " and " + Arrays.toString(ws));
        }
        int group = (int) n.integer("group", 1);
        int batch = xs[0];
        int channels = xs[1];
        int filters = ws[0];
        int groupChannels = ws[1];
        if (group <= 0 || channels != groupChannels * group || filters % group != 0) {
            throw new IllegalArgumentException("Conv with group " + group + ": X has " + channels
                    + " channels, W " + Arrays.toString(ws));
        }
        int[] spatialIn = Arrays.copyOfRange(xs, 2, xs.length);
        int[] kernel = n.intList("kernel_shape", Arrays.copyOfRange(ws, 2, ws.length));
        if (!Arrays.equals(kernel, Arrays.copyOfRange(ws, 2, ws.length))) {
            throw new IllegalArgumentException("kernel_shape " + Arrays.toString(kernel) + " differs from W "
                    + Arrays.toString(ws));
        }
        Window win = Window.of(n, spatialIn, kernel, false);
        Window w3 = win.as3d();
        int[] in3 = Window.lift(spatialIn, 1);
        int[] out3 = w3.outSize();
        double[] bias = n.optionalInput(2).map(DoubleTensor::data).orElse(null);
        if (bias != null && bias.length != filters) {
            throw new IllegalArgumentException("Conv bias has " + bias.length + " values for " + filters + " filters");
        }
        int filtersPerGroup = filters / group;
        int inPlane = in3[0] * in3[1] * in3[2];
        int outPlane = out3[0] * out3[1] * out3[2];
        int kSize = w3.kernel()[0] * w3.kernel()[1] * w3.kernel()[2];
        double[] xv = x.data();
        double[] wv = w.data();
        double[] y = new double[batch * filters * outPlane];
        int[] k = w3.kernel();
        int[] s = w3.strides();
        int[] d = w3.dilations();
        int[] p = w3.padBegin();
        for (int b = 0; b < batch; b++) {
            for (int m = 0; m < filters; m++) {
                int g = m / filtersPerGroup;
                double init = bias == null ? 0 : bias[m];
                int yBase = (b * filters + m) * outPlane;
                for (int od = 0; od < out3[0]; od++) {
                    for (int oh = 0; oh < out3[1]; oh++) {
                        for (int ow = 0; ow < out3[2]; ow++) {
                            double sum = init;
                            for (int c = 0; c < groupChannels; c++) {
                                int xBase = (b * channels + g * groupChannels + c) * inPlane;
                                int wBase = (m * groupChannels + c) * kSize;
                                for (int kd = 0; kd < k[0]; kd++) {
                                    int id = od * s[0] - p[0] + kd * d[0];
                                    if (id < 0 || id >= in3[0]) {
                                        continue;
                                    }
                                    for (int kh = 0; kh < k[1]; kh++) {
                                        int ih = oh * s[1] - p[1] + kh * d[1];
                                        if (ih < 0 || ih >= in3[1]) {
                                            continue;
                                        }
                                        int xRow = xBase + (id * in3[1] + ih) * in3[2];
                                        int wRow = wBase + (kd * k[1] + kh) * k[2];
                                        for (int kw = 0; kw < k[2]; kw++) {
                                            int iw = ow * s[2] - p[2] + kw * d[2];
                                            if (iw >= 0 && iw < in3[2]) {
                                                sum += xv[xRow + iw] * wv[wRow + kw];
                                            }
                                        }
                                    }
                                }
                            }
                            y[yBase + (od * out3[1] + oh) * out3[2] + ow] = sum;
                        }
                    }
                }
            }
        }
        int[] shape = new int[xs.length];
        shape[0] = batch;
        shape[1] = filters;
        System.arraycopy(win.outSize(), 0, shape, 2, win.outSize().length);
        return DoubleTensor.wrap(y, shape, x.elementType());
    }
}
