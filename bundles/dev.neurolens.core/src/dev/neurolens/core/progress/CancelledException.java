package dev.neurolens.core.progress;

import dev.neurolens.core.NeuroLensException;

/** Thrown when work stops because the user cancelled it; nothing was written. */
public class CancelledException extends NeuroLensException {
    private static final long serialVersionUID = 1L;

    /** A cancellation with the standard message. */
    public CancelledException() {
        super("cancelled by the user; nothing was written");
    }
}
