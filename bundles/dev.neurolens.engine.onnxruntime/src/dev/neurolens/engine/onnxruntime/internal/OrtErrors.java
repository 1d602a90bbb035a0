package dev.neurolens.engine.onnxruntime.internal;

import ai.onnxruntime.OrtException;
import dev.neurolens.core.NeuroLensException;

/** Translates ONNX Runtime failures into one-line messages that say what was being done. */
final class OrtErrors {

    private OrtErrors() {
    }

    /** A failure to create a session for the model {@code source}. */
    static NeuroLensException loading(String source, Throwable e) {
        OrtException ort = find(e);
        String detail = detail(ort != null ? ort : e);
        if (ort != null && ort.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED) {
            return new NeuroLensException(source + " uses an operator that ONNX Runtime " + OrtNatives.ORT_VERSION
                    + " cannot run (" + detail + ")", e);
        }
        return new NeuroLensException("ONNX Runtime " + OrtNatives.ORT_VERSION + " cannot load " + source + " ("
                + detail + ")", e);
    }

    /** A failure while running the model {@code source}. */
    static NeuroLensException running(String source, Throwable e) {
        OrtException ort = find(e);
        return new NeuroLensException("ONNX Runtime failed to run " + source + " (" + detail(ort != null ? ort : e)
                + ")", e);
    }

    private static OrtException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OrtException ort) {
                return ort;
            }
        }
        return null;
    }

    /** The first line of the message, without ORT's "[ErrorCode:...]" prefix. */
    private static String detail(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceFirst("^Error code - ORT_[A-Z_]+ - message: ", "");
        message = message.replaceFirst("^\\[ONNXRuntimeError\\] : \\d+ : [A-Z_]+ : ", "");
        int newline = message.indexOf('\n');
        return (newline >= 0 ? message.substring(0, newline) : message).strip();
    }
}
