package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.TensorProto;
import dev.neurolens.graph.onnx.OnnxProtos.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks that a normalized model computes what the file computes: both run through ONNX Runtime on
 * the same random batch (fixed seed, standard normal values, like preprocessed images) and every
 * float output must agree to {@value #TOLERANCE} relative to the output's largest magnitude.
 *
 * <p>The file's model runs one image at a time (a model with a baked batch size runs only so);
 * the normalized one runs the first image alone and, when its batch is dynamic, both images as a
 * batch of 2, which must equal the two single-image results stacked. A file with a fixed batch
 * size above 1 runs at that size on both sides.
 */
final class ForwardCheck {
    /** The largest difference allowed, relative to the largest magnitude of each output. */
    static final double TOLERANCE = 1e-4;
    private static final long SEED = 20_240_611L;

    /**
     * The verdict.
     *
     * @param same whether the outputs agree
     * @param detail what was compared and the largest relative difference, or why they differ or
     *     could not be compared
     */
    record Result(boolean same, String detail) {
    }

    private ForwardCheck() {
    }

    /**
     * Compares {@code normalized} with {@code original}.
     *
     * @param input the file's image input
     * @param preprocessing gives the sizes of free spatial dimensions
     */
    static Result compare(ModelProto original, ModelProto normalized, TensorInfo input, Preprocessing preprocessing,
            SessionFactory sessions) {
        List<String> outputs = floatOutputs(original);
        if (outputs.isEmpty() || !input.elementType().equals("float") || !input.shapeKnown()) {
            return new Result(false, "cannot be checked (the model has no float input and output of known shape)");
        }
        int[] shape = singleImageShape(input, preprocessing);
        if (shape == null) {
            return new Result(false, "cannot be checked (the input has free sizes that the preprocessing does not fix)");
        }
        long fixedBatch = input.dims().get(0);
        SplittableRandom random = new SplittableRandom(SEED);
        try (OrtSession file = sessions.create(original); OrtSession rewritten = sessions.create(normalized)) {
            if (fixedBatch > 1) {
                shape[0] = (int) fixedBatch;
                Tensor x = random(shape, random);
                return differences(run(file, input, x, outputs, sessions), run(rewritten, input, x, outputs, sessions),
                        outputs, "batch " + fixedBatch);
            }
            Tensor x0 = random(shape, random);
            Tensor x1 = random(shape, random);
            Map<String, Tensor> file0 = run(file, input, x0, outputs, sessions);
            Result one = differences(file0, run(rewritten, input, x0, outputs, sessions), outputs, "batch 1");
            if (!one.same() || !dynamicBatch(normalized, input.name()) || !batchLeading(file0)) {
                return one;
            }
            Map<String, Tensor> file1 = run(file, input, x1, outputs, sessions);
            Map<String, Tensor> both = run(rewritten, input, concat(x0, x1), outputs, sessions);
            Result two = differences(stack(file0, file1, outputs), both, outputs, "batch 2");
            return two.same() ? new Result(true, one.detail() + ", " + two.detail()) : two;
        } catch (OrtException | RuntimeException e) {
            return new Result(false, "ONNX Runtime could not run both models ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
        }
    }

    private static Map<String, Tensor> run(OrtSession session, TensorInfo input, Tensor x, List<String> outputs,
            SessionFactory sessions) throws OrtException {
        try (OnnxTensor t = OrtTensors.toOrt(sessions.environment(), x)) {
            return WatchedRun.run(session, Map.of(input.name(), t), new LinkedHashSet<>(outputs), Progress.NONE,
                    sessions.watchdog(), "the forward check");
        }
    }

    private static Result differences(Map<String, Tensor> expected, Map<String, Tensor> actual, List<String> outputs,
            String what) {
        double worst = 0;
        for (String name : outputs) {
            Tensor e = expected.get(name);
            Tensor a = actual.get(name);
            if (!Arrays.equals(e.shape(), a.shape())) {
                return new Result(false, "output '" + name + "' has shape " + a.shapeString() + " instead of "
                        + e.shapeString() + " at " + what);
            }
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < e.size(); i++) {
                scale = Math.max(scale, Math.abs(e.get(i)));
                double d = Math.abs(e.get(i) - a.get(i));
                diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
            }
            double relative = diff == 0 ? 0 : diff / Math.max(scale, Double.MIN_NORMAL);
            if (relative > TOLERANCE) {
                return new Result(false, String.format(Locale.ROOT,
                        "output '%s' differs by %.3g relative to its largest magnitude %.3g at %s", name, relative,
                        scale, what));
            }
            worst = Math.max(worst, relative);
        }
        return new Result(true, String.format(Locale.ROOT, "%s: max relative difference %.2g", what, worst));
    }

    /** The graph outputs declared float (or without a declared type). */
    private static List<String> floatOutputs(ModelProto model) {
        List<String> out = new ArrayList<>();
        for (ValueInfoProto o : model.getGraph().getOutputList()) {
            int type = o.getType().getTensorType().getElemType();
            if (type == TensorProto.DataType.FLOAT_VALUE || type == TensorProto.DataType.UNDEFINED_VALUE) {
                out.add(o.getName());
            }
        }
        return out;
    }

    /** The input shape for one image: free sizes from the preprocessing; null if they stay free. */
    private static int[] singleImageShape(TensorInfo input, Preprocessing preprocessing) {
        List<Long> dims = input.dims();
        int[] fromPreprocessing = preprocessing.batchShape(1);
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (i == 0) {
                shape[i] = 1;
            } else if (dims.get(i) >= 0) {
                shape[i] = Math.toIntExact(dims.get(i));
            } else if (shape.length == fromPreprocessing.length) {
                shape[i] = fromPreprocessing[i];
            } else {
                return null;
            }
        }
        return shape;
    }

    private static boolean dynamicBatch(ModelProto model, String input) {
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (v.getName().equals(input)) {
                var shape = v.getType().getTensorType().getShape();
                return shape.getDimCount() > 0 && !shape.getDim(0).hasDimValue();
            }
        }
        return false;
    }

    private static Tensor random(int[] shape, SplittableRandom random) {
        float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Tensor.wrap(v, shape);
    }

    /** Two batch-1 tensors as one batch of 2. */
    private static Tensor concat(Tensor a, Tensor b) {
        float[] v = new float[a.size() + b.size()];
        System.arraycopy(a.data(), 0, v, 0, a.size());
        System.arraycopy(b.data(), 0, v, a.size(), b.size());
        int[] shape = a.shape().clone();
        shape[0] = a.dim(0) + b.dim(0);
        return Tensor.wrap(v, shape);
    }

    /** The outputs for two single images as the outputs for a batch of both. */
    private static Map<String, Tensor> stack(Map<String, Tensor> a, Map<String, Tensor> b, List<String> names) {
        Map<String, Tensor> out = new HashMap<>();
        for (String n : names) {
            out.put(n, concat(a.get(n), b.get(n)));
        }
        return out;
    }

    private static boolean batchLeading(Map<String, Tensor> outputs) {
        for (Tensor t : outputs.values()) {
            if (t.rank() == 0 || t.dim(0) != 1) {
                return false;
            }
        }
        return true;
    }
}
