package dev.neurolens.dissect;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.progress.CancelledException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Background threads of a dissection: daemon pools, and results with their exceptions unwrapped. */
final class Jobs {
    private Jobs() {
    }

    /** A pool of {@code threads} daemon threads named {@code name}. */
    static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for every job; rethrows the first failure as it was thrown. */
    static void awaitAll(List<? extends Future<?>> jobs) {
        for (Future<?> f : jobs) {
            await(f);
        }
    }

    /**
     * The result of a job; its runtime exception rethrown as is.
     *
     * @throws CancelledException if interrupted
     */
    static <T> T await(Future<T> job) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new NeuroLensException("dissection failed: " + e.getCause());
        }
    }
}
