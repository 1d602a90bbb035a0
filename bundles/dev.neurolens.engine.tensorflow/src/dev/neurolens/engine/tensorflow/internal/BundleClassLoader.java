package dev.neurolens.engine.tensorflow.internal;

import java.util.function.Supplier;

/**
 * Runs code with this bundle's class loader as the thread context class loader: DJL finds engines
 * and slf4j-simple its settings through it.
 */
final class BundleClassLoader {

    private BundleClassLoader() {
    }

    static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleClassLoader.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
