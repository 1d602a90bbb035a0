package dev.neurolens.featurevis;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.io.Colormap;
import dev.neurolens.graph.NodeNames;
import dev.neurolens.graph.onnx.OnnxProtos.GraphProto;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution weights as pictures ("visualizing weights"): a layer on RGB input as one RGB tile
 * per filter (each filter min-max scaled), any layer as a grid with one row per filter and one
 * tile per input channel (a diverging colormap, zero at white, scaled by the layer's largest
 * absolute weight).
 */
public final class FilterGrids {
    private FilterGrids() {
    }

    /**
     * The weights {@code [O,I,kh,kw]} of a Conv node.
     *
     * @param weights the values
     * @param shape {@code [O, I, kh, kw]}
     */
    public record ConvWeights(float[] weights, int[] shape) {
        /** Filters. */
        public int outputs() {
            return shape[0];
        }

        /** Input channels per filter. */
        public int inputs() {
            return shape[1];
        }
    }

    /**
     * The weights of the Conv node {@code layer}.
     *
     * @throws NeuroLensException if there is no such Conv node or its weights are not an initializer
     */
    public static ConvWeights weights(ModelProto model, String layer) {
        GraphProto g = model.getGraph();
        List<String> names = NodeNames.of(g);
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (names.get(i).equals(layer) || n.getOutputCount() > 0 && n.getOutput(0).equals(layer)) {
                if (!n.getOpType().equals("Conv")) {
                    throw new NeuroLensException("layer '" + layer + "' is a " + n.getOpType()
                            + ", not a Conv; filters are shown for Conv layers");
                }
                String w = n.getInput(1);
                for (TensorProto t : g.getInitializerList()) {
                    if (t.getName().equals(w)) {
                        return new ConvWeights(floats(t), t.getDimsList().stream().mapToInt(Long::intValue).toArray());
                    }
                }
                throw new NeuroLensException("the weights '" + w + "' of layer '" + layer + "' are not stored in"
                        + " the model (computed at run time); cannot show them");
            }
        }
        throw new NeuroLensException("layer '" + layer + "' is not in the model; run 'neurolens info' to see layer"
                + " names");
    }

    /** One RGB tile per filter of a layer with three input channels, each filter min-max scaled. */
    public static List<BufferedImage> rgbFilters(ConvWeights w) {
        if (w.inputs() != 3) {
            throw new NeuroLensException("RGB filters need 3 input channels, the layer has " + w.inputs());
        }
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        int size = 3 * kh * kw;
        List<BufferedImage> tiles = new ArrayList<>();
        for (int o = 0; o < w.outputs(); o++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, w.weights()[o * size + i]);
                max = Math.max(max, w.weights()[o * size + i]);
            }
            double[] chw = new double[size];
            for (int i = 0; i < size; i++) {
                chw[i] = max > min ? (w.weights()[o * size + i] - min) / (max - min) : 0.5;
            }
            tiles.add(ImageGrid.rgb(chw, kh, kw));
        }
        return tiles;
    }

    /**
     * Rows of tiles, one row per filter and one tile per input channel, coloured by
     * {@link Colormap#SEISMIC} at {@code 0.5 + w / (2 max|w|)} over the layer.
     */
    public static BufferedImage perChannelGrid(ConvWeights w, int zoom, int gap) {
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        float max = 0;
        for (float v : w.weights()) {
            max = Math.max(max, Math.abs(v));
        }
        List<BufferedImage> tiles = new ArrayList<>();
        for (int o = 0; o < w.outputs(); o++) {
            for (int i = 0; i < w.inputs(); i++) {
                BufferedImage t = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
                int base = (o * w.inputs() + i) * kh * kw;
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        float v = w.weights()[base + y * kw + x];
                        t.setRGB(x, y, Colormap.SEISMIC.rgb(max > 0 ? 0.5 + v / (2 * max) : 0.5));
                    }
                }
                tiles.add(t);
            }
        }
        return ImageGrid.grid(tiles, w.inputs(), zoom, gap);
    }

    /** The float values of an initializer (float_data or little-endian raw_data). */
    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new NeuroLensException("the weights '" + t.getName() + "' are not float32");
        }
        if (t.getFloatDataCount() > 0) {
            float[] f = new float[t.getFloatDataCount()];
            for (int i = 0; i < f.length; i++) {
                f[i] = t.getFloatData(i);
            }
            return f;
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
