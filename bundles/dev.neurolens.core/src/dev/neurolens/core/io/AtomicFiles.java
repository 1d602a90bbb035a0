package dev.neurolens.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
 * same folder, which is then moved over the target in one step. A failure leaves the target as
 * it was and removes the temporary file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes bytes to a stream. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically, creating parent folders. */
    public static void write(Path target, Writer writer) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }
}
