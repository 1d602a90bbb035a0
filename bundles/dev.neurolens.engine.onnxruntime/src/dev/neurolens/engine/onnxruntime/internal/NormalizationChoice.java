package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.graph.compile.ExplanationCompiler;
import dev.neurolens.graph.normalize.ModelNormalizer;
import dev.neurolens.graph.normalize.Normalized;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import dev.neurolens.graph.onnx.OnnxProtos.OperatorSetIdProto;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at open time which model the engine runs: the normalized one ({@link ModelNormalizer})
 * when it is known or checked to compute what the file computes, else the file's.
 *
 * <ul>
 *   <li>Nothing to change: the file's model.
 *   <li>Only the opset import, IR version or node names changed (the usual case, e.g. ResNet-20
 *       at opset 13): the ONNX changelog guarantees the same outputs, so there is no forward check;
 *       DJL still loads the file, and explanations, layer shapes and fetches use the normalized
 *       model.
 *   <li>Nodes, constants or the input shape changed: {@link ForwardCheck} runs both; if they agree,
 *       DJL loads the normalized model; if not, or if normalization refused the model, predictions
 *       use the file, and explanations too when the file's opset is one the compiler takes, else
 *       they are refused with the reason.
 * </ul>
 */
final class NormalizationChoice {
    private static final Logger LOG = LoggerFactory.getLogger(NormalizationChoice.class);

    /**
     * What to run.
     *
     * @param model the model for explanations, layer shapes and tensor fetches
     * @param loadNormalized whether DJL must load {@code model} (else it loads the file)
     * @param explanationRefusal why explanations cannot run, or empty
     */
    record Choice(ModelProto model, boolean loadNormalized, Optional<String> explanationRefusal) {
    }

    private NormalizationChoice() {
    }

    /**
     * Normalizes {@code original} with {@code normalizer} and chooses.
     *
     * @param input the file's image input
     * @param preprocessing fixes free input sizes for the forward check
     */
    static Choice choose(Path file, ModelProto original, Function<ModelProto, Normalized> normalizer,
            TensorInfo input, Preprocessing preprocessing, SessionFactory sessions) {
        Normalized normalized;
        try {
            normalized = normalizer.apply(original);
        } catch (NeuroLensException e) {
            LOG.warn("{}: not normalized, the model runs as the file is: {}", file, e.getMessage());
            return fileAsItIs(file, original, e.getMessage());
        } catch (RuntimeException e) {
            // a bug in a rewrite must not make a model unopenable that opened before
            LOG.warn("{}: normalization failed, the model runs as the file is", file, e);
            return fileAsItIs(file, original, "normalization failed (" + e + ")");
        }
        if (!normalized.changed()) {
            return new Choice(original, false, Optional.empty());
        }
        LOG.info("{}: normalized: {}", file, String.join("; ", normalized.changes()));
        if (!normalized.graphRewritten()) {
            return new Choice(normalized.model(), false, Optional.empty());
        }
        long start = System.nanoTime();
        ForwardCheck.Result check = ForwardCheck.compare(original, normalized.model(), input, preprocessing, sessions);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (check.same()) {
            LOG.info("{}: the normalized model computes the file's outputs ({}; checked in {} ms)", file,
                    check.detail(), millis);
            return new Choice(normalized.model(), true, Optional.empty());
        }
        LOG.warn("{}: the normalized model does not compute the file's outputs ({}); predictions use the file as"
                + " it is", file, check.detail());
        return fileAsItIs(file, original, "the normalized model does not compute the file's outputs ("
                + check.detail() + ")");
    }

    /** The file's model; explanations are refused if the compiler does not take its opset. */
    private static Choice fileAsItIs(Path file, ModelProto original, String why) {
        long opset = defaultOpset(original);
        if (opset >= ExplanationCompiler.MIN_MODEL_OPSET) {
            return new Choice(original, false, Optional.empty());
        }
        return new Choice(original, false, Optional.of(file + " uses ONNX opset " + opset
                + ", and explanations need it upgraded to opset " + ExplanationCompiler.OPSET + ", but " + why
                + "; re-export the model at opset " + ExplanationCompiler.OPSET
                + " (e.g. torch.onnx.export(..., opset_version=17))"));
    }

    private static long defaultOpset(ModelProto model) {
        long opset = 0;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = Math.max(opset, o.getVersion());
            }
        }
        return opset;
    }
}
