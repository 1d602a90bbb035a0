package dev.neurolens.graph.reference;

import static dev.neurolens.graph.reference.Models.eval;
import static dev.neurolens.graph.reference.Models.iota;
import static dev.neurolens.graph.reference.Models.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neurolens.graph.build.ModelBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Conv and pooling against values computed by hand (x = 0, 1, 2, … row by row unless said). */
class ConvPoolReferenceTest {
    private static final double EPS = 1e-12;

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void conv3x3OfOnesSumsNeighbourhoods() {
        // x[i][j] = 4i + j on 4x4; ones kernel with pads 1 sums the (clipped) 3x3 neighbourhood, plus bias 1
        ModelBuilder m = withInput(1, 1, 4, 4).initializer("w", filled(9, 1), 1, 1, 3, 3)
                .initializer("b", new float[] {1}, 1);
        m.node("Conv").inputs("x", "w", "b").outputs("y").ints("pads", 1, 1, 1, 1);
        DoubleTensor y = eval(m, "y", iota(1, 1, 4, 4));
        assertArrayEquals(new int[] {1, 1, 4, 4}, y.shape());
        assertEquals(11, y.at(0, 0, 0, 0)); // 0+1+4+5
        assertEquals(46, y.at(0, 0, 1, 1)); // rows 0-2 x cols 0-2
        assertEquals(51, y.at(0, 0, 3, 3)); // 10+11+14+15
    }

    @Test
    void stride2KeepsEveryOtherWindow() {
        ModelBuilder m = withInput(1, 1, 4, 4).initializer("w", filled(9, 1), 1, 1, 3, 3);
        m.node("Conv").inputs("x", "w").outputs("y").ints("pads", 1, 1, 1, 1).ints("strides", 2, 2);
        DoubleTensor y = eval(m, "y", iota(1, 1, 4, 4));
        assertArrayEquals(new double[] {10, 24, 51, 90}, y.values(), EPS);
    }

    @Test
    void convIsCrossCorrelation() {
        // a kernel with a single 1 right of the centre reads the right neighbour: y[i][j] = x[i][j+1]
        float[] w = new float[9];
        w[5] = 1;
        ModelBuilder m = withInput(1, 1, 2, 3).initializer("w", w, 1, 1, 3, 3);
        m.node("Conv").inputs("x", "w").outputs("y").ints("pads", 1, 1, 1, 1);
        assertArrayEquals(new double[] {1, 2, 0, 4, 5, 0}, eval(m, "y", iota(1, 1, 2, 3)).values(), EPS);
    }

    @Test
    void asymmetricPadsShiftTheOutput() {
        // pads [top 0, left 1, bottom 2, right 0] on 2x2 with a 1x1 kernel of 2: out 4x3
        ModelBuilder m = withInput(1, 1, 2, 2).initializer("w", new float[] {2}, 1, 1, 1, 1);
        m.node("Conv").inputs("x", "w").outputs("y").ints("pads", 0, 1, 2, 0);
        DoubleTensor y = eval(m, "y", iota(1, 1, 2, 2));
        assertArrayEquals(new int[] {1, 1, 4, 3}, y.shape());
        assertArrayEquals(new double[] {0, 0, 2, 0, 4, 6, 0, 0, 0, 0, 0, 0}, y.values(), EPS);
    }

    @Test
    void dilationSpreadsTheKernel() {
        // x[i][j] = 5i + j on 5x5, ones 3x3 dilated by 2: rows and cols 0, 2, 4 -> 3*5*(0+2+4) + 3*(0+2+4)
        ModelBuilder m = withInput(1, 1, 5, 5).initializer("w", filled(9, 1), 1, 1, 3, 3);
        m.node("Conv").inputs("x", "w").outputs("y").ints("dilations", 2, 2);
        DoubleTensor y = eval(m, "y", iota(1, 1, 5, 5));
        assertArrayEquals(new int[] {1, 1, 1, 1}, y.shape());
        assertEquals(108, y.get(0));
    }

    @Test
    void groupsSeeOnlyTheirChannels() {
        // 4 channels, 2 groups, 2 filters of shape [2, 1, 1]: filter 0 sees channels 0-1, filter 1 channels 2-3
        ModelBuilder m = withInput(1, 4, 1, 1).initializer("w", new float[] {1, 10, 100, 1000}, 2, 2, 1, 1);
        m.node("Conv").inputs("x", "w").outputs("y").attr("group", 2);
        DoubleTensor y = eval(m, "y", DoubleTensor.of(new double[] {1, 2, 3, 4}, 1, 4, 1, 1));
        assertArrayEquals(new double[] {1 + 20, 300 + 4000}, y.values(), EPS);
    }

    @Test
    void autoPadPutsTheOddPadAtTheEndOrTheBeginning() {
        // 1-D: x = [1, 2, 3, 4], w = [1, 10]; total padding 1
        DoubleTensor x = DoubleTensor.of(new double[] {1, 2, 3, 4}, 1, 1, 4);
        assertArrayEquals(new double[] {21, 32, 43, 4}, conv1d(x, "SAME_UPPER").values(), EPS);
        assertArrayEquals(new double[] {10, 21, 32, 43}, conv1d(x, "SAME_LOWER").values(), EPS);
        assertArrayEquals(new double[] {21, 32, 43}, conv1d(x, "VALID").values(), EPS);
    }

    @Test
    void sameUpperWithStride() {
        // in 5, k 3, s 2: out ceil(5/2) = 3, total pad (3-1)*2 + 3 - 5 = 2 -> 1 and 1
        ModelBuilder m = withInput(1, 1, 5).initializer("w", filled(3, 1), 1, 1, 3);
        m.node("Conv").inputs("x", "w").outputs("y").attr("auto_pad", "SAME_UPPER").ints("strides", 2);
        assertArrayEquals(new double[] {1, 6, 7}, eval(m, "y", iota(1, 1, 5)).values(), EPS);
    }

    private static DoubleTensor conv1d(DoubleTensor x, String autoPad) {
        ModelBuilder m = withInput(1, 1, 4).initializer("w", new float[] {1, 10}, 1, 1, 2);
        m.node("Conv").inputs("x", "w").outputs("y").attr("auto_pad", autoPad);
        return eval(m, "y", x);
    }

    @Test
    void maxPoolFloorAndCeilMode() {
        // x[i][j] = 5i + j on 5x5, k2 s2
        DoubleTensor x = iota(1, 1, 5, 5);
        ModelBuilder floor = withInput(1, 1, 5, 5);
        floor.node("MaxPool").inputs("x").outputs("y", "i").ints("kernel_shape", 2, 2).ints("strides", 2, 2);
        ModelBuilder ceil = withInput(1, 1, 5, 5);
        ceil.node("MaxPool").inputs("x").outputs("y").ints("kernel_shape", 2, 2).ints("strides", 2, 2)
                .attr("ceil_mode", 1);
        assertArrayEquals(new double[] {6, 8, 16, 18}, eval(floor, "y", x).values(), EPS);
        DoubleTensor y = eval(ceil, "y", x);
        assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape());
        assertArrayEquals(new double[] {6, 8, 9, 16, 18, 19, 21, 23, 24}, y.values(), EPS);
    }

    @Test
    void maxPoolIndicesAreFlatOverTheWholeInput() {
        ModelBuilder m = withInput(1, 2, 2, 2);
        m.node("MaxPool").inputs("x").outputs("y", "i").ints("kernel_shape", 2, 2);
        DoubleTensor x = DoubleTensor.of(new double[] {4, 1, 2, 3, 0, 5, 7, 6}, 1, 2, 2, 2);
        var out = new ReferenceEvaluator().evaluate(m.output("y").build(), java.util.Map.of("x", x));
        assertArrayEquals(new double[] {4, 7}, out.get("y").values(), EPS);
        assertArrayEquals(new double[] {0, 6}, out.get("i").values(), EPS);
        org.junit.jupiter.api.Assertions.assertEquals(dev.neurolens.graph.onnx.OnnxProtos.TensorProto.DataType.INT64,
                out.get("i").elementType());
    }

    @Test
    void overlappingMaxPoolWithPadsAndCeilMode() {
        // x[i][j] = 4i + j on 4x4, k3 s2 p1 ceil: out ceil(3/2) + 1 = 3; windows [-1,1], [1,3], [3,5]
        ModelBuilder m = withInput(1, 1, 4, 4);
        m.node("MaxPool").inputs("x").outputs("y").ints("kernel_shape", 3, 3).ints("strides", 2, 2)
                .ints("pads", 1, 1, 1, 1).attr("ceil_mode", 1);
        assertArrayEquals(new double[] {5, 7, 7, 13, 15, 15, 13, 15, 15}, eval(m, "y", iota(1, 1, 4, 4)).values(), EPS);
    }

    @Test
    void ceilModeDropsAWindowThatStartsInThePadding() {
        // in 5, k2 s2, pads 1/1: ceil((5+2-2)/2) + 1 = 4, but window 4 would start at 6 - 1 = 5, in the end padding
        ModelBuilder m = withInput(1, 1, 5);
        m.node("MaxPool").inputs("x").outputs("y").ints("kernel_shape", 2).ints("strides", 2).ints("pads", 1, 1)
                .attr("ceil_mode", 1);
        assertArrayEquals(new double[] {0, 2, 4}, eval(m, "y", iota(1, 1, 5)).values(), EPS);
    }

    @Test
    void dilatedMaxPool() {
        // k2 dilation 2 on [1, 1, 5]: windows {0, 2}, {1, 3}, {2, 4}
        ModelBuilder m = withInput(1, 1, 5);
        m.node("MaxPool").inputs("x").outputs("y").ints("kernel_shape", 2).ints("dilations", 2);
        DoubleTensor x = DoubleTensor.of(new double[] {5, 9, 1, 0, 3}, 1, 1, 5);
        assertArrayEquals(new double[] {5, 9, 3}, eval(m, "y", x).values(), EPS);
    }

    @Test
    void averagePoolCountsPaddingOnlyWhenAsked() {
        DoubleTensor ones = DoubleTensor.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 3, 3);
        double[] excluded = averagePool(ones, 0).values();
        double[] included = averagePool(ones, 1).values();
        for (double v : excluded) {
            assertEquals(1, v);
        }
        assertArrayEquals(new double[] {4 / 9.0, 6 / 9.0, 4 / 9.0, 6 / 9.0, 1, 6 / 9.0, 4 / 9.0, 6 / 9.0, 4 / 9.0},
                included, EPS);
    }

    private static DoubleTensor averagePool(DoubleTensor x, int countIncludePad) {
        ModelBuilder m = withInput(1, 1, 3, 3);
        m.node("AveragePool").inputs("x").outputs("y").ints("kernel_shape", 3, 3).ints("pads", 1, 1, 1, 1)
                .attr("count_include_pad", countIncludePad);
        return eval(m, "y", x);
    }

    @Test
    void averagePoolCeilModeDividesByTheTapsInside() {
        // x = [1, 2, 3, 4, 5], k2 s2 ceil: the last window holds only 5
        ModelBuilder m = withInput(1, 1, 5);
        m.node("AveragePool").inputs("x").outputs("y").ints("kernel_shape", 2).ints("strides", 2).attr("ceil_mode", 1);
        DoubleTensor x = DoubleTensor.of(new double[] {1, 2, 3, 4, 5}, 1, 1, 5);
        assertArrayEquals(new double[] {1.5, 3.5, 5}, eval(m, "y", x).values(), EPS);
    }

    @Test
    void countIncludePadDividesByTheWholeKernelAsOnnxRuntimeDoes() {
        // x = 1…6, k3 s2 p1 ceil: windows [-1,1], [1,3], [3,5], [5,7]; the last holds 6, a pad and a
        // position past the end padding, and ONNX Runtime still divides by 3 (measured: [1, 3, 5, 2])
        ModelBuilder m = withInput(1, 1, 6);
        m.node("AveragePool").inputs("x").outputs("y").ints("kernel_shape", 3).ints("strides", 2).ints("pads", 1, 1)
                .attr("ceil_mode", 1).attr("count_include_pad", 1);
        DoubleTensor x = DoubleTensor.of(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 6);
        assertArrayEquals(new double[] {1, 3, 5, 2}, eval(m, "y", x).values(), EPS);
    }

    @Test
    void globalAveragePoolKeepsSpatialAxes() {
        ModelBuilder m = withInput(1, 2, 2, 2);
        m.node("GlobalAveragePool").inputs("x").outputs("y");
        DoubleTensor y = eval(m, "y", iota(1, 2, 2, 2));
        assertArrayEquals(new int[] {1, 2, 1, 1}, y.shape());
        assertArrayEquals(new double[] {1.5, 5.5}, y.values(), EPS);
    }

    private static void assertEquals(double expected, double actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, EPS);
    }
}
