package dev.neurolens.engine.tensorflow.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.engine.tensorflow.importer.FlatGraph;
import dev.neurolens.engine.tensorflow.importer.FunctionInliner;
import dev.neurolens.engine.tensorflow.importer.GraphFacts;
import dev.neurolens.engine.tensorflow.importer.OnnxConversion;
import dev.neurolens.engine.tensorflow.importer.TfTensorRef;
import dev.neurolens.engine.tensorflow.importer.VariableReader;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.MetaGraphDef;

/**
 * Imports a SavedModel signature into NeuroLens' graph form: loads the bundle with TensorFlow
 * (restoring its variables), flattens the signature's functions, lets TensorFlow fold the constant
 * parts and converts the rest to ONNX ({@link OnnxConversion}). The ONNX model is written to
 * {@code <cache>/tensorflow/<digest>.onnx}, keyed by the SavedModel's files and the signature, so
 * that ONNX Runtime can open it like any model file.
 *
 * @param folder the SavedModel
 * @param signature the signature imported
 * @param flat the flattened TensorFlow graph (for running plain gradients on TensorFlow)
 * @param onnx the imported model
 * @param origins the TensorFlow tensor behind each ONNX tensor that holds one
 * @param onnxFile where it was written
 * @param producer what wrote the SavedModel, e.g. {@code TensorFlow 2.21.0}
 */
public record SavedModelImport(Path folder, String signature, FlatGraph flat, ModelProto onnx,
        Map<String, TfTensorRef> origins, Path onnxFile, String producer) {

    /**
     * Runs the import.
     *
     * @param requested the signature the user named, if any
     * @throws NeuroLensException if the folder is not a loadable SavedModel, the signature is
     *     unknown, or an op cannot be imported (naming op and node)
     */
    public static SavedModelImport run(Path folder, Optional<String> requested, Path cacheRoot) {
        SavedModelFolder.check(folder);
        try (SavedModelBundle bundle = load(folder)) {
            MetaGraphDef meta = bundle.metaGraphDef();
            String signature = SavedModelFolder.signature(folder, requested, meta.getSignatureDefMap().keySet());
            FlatGraph flat = FunctionInliner.flatten(meta, signature, new VariableReader(bundle));
            String producer = "TensorFlow " + meta.getMetaInfoDef().getTensorflowVersion();
            OnnxConversion.Converted converted;
            try (GraphFacts facts = GraphFacts.of(flat)) {
                converted = OnnxConversion.convert(facts, "neurolens-tensorflow-import");
            }
            ModelProto onnx = converted.model();
            Path file = write(onnx, cacheRoot.resolve("tensorflow").resolve(digest(folder, signature) + ".onnx"));
            return new SavedModelImport(folder, signature, flat, onnx, converted.origins(), file, producer);
        } catch (NeuroLensException e) {
            throw new NeuroLensException(folder + ": " + e.getMessage(), e);
        }
    }

    private static SavedModelBundle load(Path folder) {
        try {
            return BundleClassLoader.call(() -> SavedModelBundle.load(folder.toString(), SavedModelFolder.TAG));
        } catch (RuntimeException e) {
            throw new NeuroLensException("TensorFlow cannot load the SavedModel (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A digest of the SavedModel's graph, variable index and the signature. */
    private static String digest(Path folder, String signature) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(folder.resolve(SavedModelFolder.GRAPH)));
            Path index = folder.resolve(SavedModelFolder.VARIABLES).resolve("variables.index");
            if (Files.isRegularFile(index)) {
                md.update(Files.readAllBytes(index));
            }
            md.update(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new NeuroLensException("cannot read " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    private static Path write(ModelProto onnx, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            try {
                Files.write(tmp, onnx.toByteArray());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new NeuroLensException("cannot write the imported model to " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
