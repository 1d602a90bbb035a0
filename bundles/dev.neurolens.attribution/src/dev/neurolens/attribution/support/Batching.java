package dev.neurolens.attribution.support;

import dev.neurolens.core.explain.ParameterDescriptor;

/**
 * The memory budget of batched methods: how many rows (interpolation steps, noise samples,
 * occluded copies, images) go into one engine call. The default is 64, or the system property
 * {@value #PROPERTY}; the {@code batch} parameter overrides both.
 */
public final class Batching {
    /** The system property that sets the default chunk size. */
    public static final String PROPERTY = "neurolens.batch";
    /** The parameter name. */
    public static final String NAME = "batch";
    private static final int DEFAULT = 64;
    private static final int MAX = 1 << 16;

    private Batching() {
    }

    /** The {@code batch} parameter, with the default taken from {@value #PROPERTY} when set. */
    public static ParameterDescriptor parameter() {
        int d = Integer.getInteger(PROPERTY, DEFAULT);
        return ParameterDescriptor.integer(NAME, "rows per engine call (memory budget); default from -D" + PROPERTY,
                Math.max(1, Math.min(MAX, d)), 1, MAX);
    }

    /** The chunk size chosen in {@code p}. */
    public static int size(Parameters p) {
        return p.integer(NAME);
    }

    /** The number of chunks of at most {@code size} rows that {@code rows} rows take. */
    public static int chunks(int rows, int size) {
        return (rows + size - 1) / size;
    }
}
