package dev.neurolens.core;

/**
 * A failure with a message written for the user: one line that names the thing at fault (a file,
 * a node, a parameter) and, where possible, what to do next. Engines and explainers translate
 * their own exceptions into this one so that no caller has to show a stack trace.
 */
public class NeuroLensException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public NeuroLensException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (kept for the log). */
    public NeuroLensException(String message, Throwable cause) {
        super(message, cause);
    }
}
