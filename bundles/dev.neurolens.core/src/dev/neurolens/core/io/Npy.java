package dev.neurolens.core.io;

import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * NumPy {@code .npy} files (format version 1.0): float32 little-endian, C order, so that
 * {@code numpy.load} reads what NeuroLens writes. Reading also accepts float64, int8/uint8,
 * int32 and int64 arrays (converted to float32) in either byte order.
 */
public final class Npy {
    private Npy() {
    }

    /** The complete file bytes for a tensor: magic, version, header padded to 64 bytes, data. */
    public static byte[] toBytes(Tensor tensor) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes a tensor atomically. */
    public static void write(Tensor tensor, Path file) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Reads a tensor.
     *
     * @throws dev.neurolens.core.NeuroLensException naming the file if it is missing, not a .npy
     *     file, truncated, Fortran-ordered or of an unsupported dtype
     */
    public static Tensor read(Path file) {
        throw new UnsupportedOperationException("TODO");
    }
}
