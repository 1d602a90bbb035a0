package dev.neurolens.graph;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.neurolens.core.NeuroLensException;
import dev.neurolens.graph.onnx.OnnxProtos.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code .onnx} files into {@link ModelProto}s, with one-line {@link NeuroLensException}s
 * that name the file when it is missing, not an ONNX model, truncated or corrupt.
 */
public final class OnnxModelReader {

    /** Protobuf cannot address more than 2 GiB in one message; larger models keep external data. */
    private static final long MAX_SIZE = Integer.MAX_VALUE;

    /** The protobuf tag of {@code ModelProto.ir_version}: field 1, wire type varint. */
    private static final byte IR_VERSION_TAG = 0x08;

    private OnnxModelReader() {
    }

    /**
     * Reads and checks an ONNX model file.
     *
     * @param file the {@code .onnx} file
     * @return the parsed model, checked by {@link OnnxModelChecks}
     * @throws NeuroLensException if the file is missing, unreadable, not an ONNX model, truncated,
     *     corrupt, or keeps its weights in external data files (not supported yet)
     */
    public static ModelProto read(Path file) {
        byte[] bytes = readBytes(file);
        return parse(bytes, file.toString());
    }

    /**
     * Parses and checks a serialized model.
     *
     * @param bytes the serialized {@code ModelProto}
     * @param sourceName how to name the source in messages (usually the file name)
     * @throws NeuroLensException as {@link #read(Path)} does
     */
    public static ModelProto parse(byte[] bytes, String sourceName) {
        if (bytes.length == 0) {
            throw new NeuroLensException(sourceName + " is not an ONNX model (the file is empty)");
        }
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            // ONNX graphs nest (subgraphs of If/Loop); protobuf's default limit of 100 is enough
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new NeuroLensException(describeParseFailure(sourceName, bytes, e), e);
        } catch (IOException e) {
            throw new NeuroLensException(sourceName + " cannot be read (" + e.getMessage() + ")", e);
        }
        OnnxModelChecks.check(model, sourceName);
        return model;
    }

    private static byte[] readBytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new NeuroLensException("model file " + file + " is a folder, not an ONNX file");
            }
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new NeuroLensException(file + " is larger than 2 GiB; ONNX models of that size keep"
                        + " their weights in external data files, which NeuroLens does not support yet");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NeuroLensException("model file " + file + " not found", e);
        } catch (IOException e) {
            throw new NeuroLensException("model file " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Truncation shows as an unexpected end of input. Random bytes (a text file) often do too, so
     * it only counts as truncation when the file starts like a model: every ONNX writer emits
     * {@code ir_version} (field 1, varint: tag byte 0x08) first, as protobuf writes fields in
     * number order.
     */
    private static String describeParseFailure(String sourceName, byte[] bytes, InvalidProtocolBufferException e) {
        String detail = String.valueOf(e.getMessage());
        boolean looksLikeModel = bytes[0] == IR_VERSION_TAG;
        if (looksLikeModel && (detail.contains("ended unexpectedly") || detail.contains("truncated"))) {
            return sourceName + " is truncated or corrupt (the data ends in the middle of a record)";
        }
        return sourceName + " is not an ONNX model (" + firstSentence(detail) + ")";
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        String s = dot > 0 ? text.substring(0, dot) : text;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
