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
        int[] in = in3;
        for (int b = 0; b < batch; b++) {
            for (int m = 0; m < filters; m++) {
                int g = m / filtersPerGroup;
                int yBase = (b * filters + m) * outPlane;
                java.util.Arrays.fill(y, yBase, yBase + outPlane, bias == null ? 0 : bias[m]);
                // tap by tap, so that the innermost loop runs along an output row; each output still
                // sums its terms in the order bias, channel, kd, kh, kw
                for (int c = 0; c < groupChannels; c++) {
                    int xBase = (b * channels + g * groupChannels + c) * inPlane;
                    int wBase = (m * groupChannels + c) * kSize;
                    for (int kd = 0; kd < k[0]; kd++) {
                        for (int kh = 0; kh < k[1]; kh++) {
                            for (int kw = 0; kw < k[2]; kw++) {
                                double wt = wv[wBase + (kd * k[1] + kh) * k[2] + kw];
                                int shift = kw * d[2] - p[2];
                                // output columns whose input column ow·s + shift lies inside the row
                                int owFrom = Math.max(0, Math.ceilDiv(-shift, s[2]));
                                int owTo = Math.min(out3[2], Math.ceilDiv(in[2] - shift, s[2]));
                                for (int od = 0; od < out3[0]; od++) {
                                    int id = od * s[0] - p[0] + kd * d[0];
                                    if (id < 0 || id >= in[0]) {
                                        continue;
                                    }
                                    for (int oh = 0; oh < out3[1]; oh++) {
                                        int ih = oh * s[1] - p[1] + kh * d[1];
                                        if (ih < 0 || ih >= in[1]) {
                                            continue;
                                        }
                                        int xRow = xBase + (id * in[1] + ih) * in[2] + shift;
                                        int yRow = yBase + (od * out3[1] + oh) * out3[2];
                                        for (int ow = owFrom; ow < owTo; ow++) {
                                            y[yRow + ow] += wt * xv[xRow + ow * s[2]];
                                        }
                                    }
                                }
                            }
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
