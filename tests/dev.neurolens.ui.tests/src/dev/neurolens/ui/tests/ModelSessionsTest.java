package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapters;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.progress.Progress;
import dev.neurolens.core.tensor.Tensor;
import dev.neurolens.ui.Services;
import dev.neurolens.ui.model.ModelSessions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.core.resources.IFile;
import org.junit.jupiter.api.Test;

/**
 * The cache of open models the jobs share: a second use of an unchanged model opens nothing, and
 * a change of the model file or of its preprocessing sidecar in the workspace drops (and closes)
 * the open model, so the next job opens it afresh. Real engine, real workspace events.
 */
class ModelSessionsTest {

    @Test
    void unchangedModelsAreReusedAndChangedOnesReopened() throws Exception {
        IFile model = TestProject.model();
        IFile sidecar = model.getProject().getFile("models/" + TestProject.SIDECAR);
        ModelOptions options = ModelOptions.defaults();
        try (Services services = Services.open()) {
            services.awaitAdapter(30_000);
            ModelSessions sessions = services.sessions();
            sessions.drop(model.getFullPath());
            try {
                check(sessions, model, sidecar, options, services);
            } finally {
                sessions.drop(model.getFullPath()); // leave no counting wrapper to the other tests
            }
        }
    }

    private static void check(ModelSessions sessions, IFile model, IFile sidecar, ModelOptions options,
            Services services) throws Exception {
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        Supplier<LoadedModel> opener = () -> {
            opens.incrementAndGet();
            return new Counted(ModelAdapters.open(services.adapters(), model.getLocation().toPath(), options),
                    closes);
        };

        LoadedModel first;
        try (ModelSessions.Lease lease = sessions.acquire(model, options, opener)) {
            first = lease.model();
            assertEquals(10, first.predict(input()).dim(1), "a working model");
        }
        try (ModelSessions.Lease lease = sessions.acquire(model, options, opener)) {
            assertSame(first, lease.model(), "the second job gets the open model");
        }
        assertEquals(1, opens.get());
        assertEquals(0, closes.get(), "kept open between jobs");

        sidecar.touch(null); // preprocessing may have changed: the open model is stale
        assertEquals(1, closes.get(), "a sidecar change closes the open model");
        LoadedModel second;
        try (ModelSessions.Lease lease = sessions.acquire(model, options, opener)) {
            second = lease.model();
            assertNotSame(first, second);
            assertEquals(2, opens.get());
            model.touch(null); // changed while a job uses it: closed when the job is done
            assertEquals(1, closes.get(), "not closed under a running job");
            assertEquals(10, second.predict(input()).dim(1), "still usable by the running job");
        }
        assertEquals(2, closes.get(), "closed once the job handed it back");

        assertThrows(NeuroLensException.class, () -> sessions.acquire(model, options, () -> {
            throw new NeuroLensException("cannot open");
        }), "a failing open keeps nothing");
        try (ModelSessions.Lease lease = sessions.acquire(model, options, opener)) {
            assertEquals(3, opens.get(), "opened again after the failed attempt");
        }
        sessions.drop(model.getFullPath());
        assertEquals(3, closes.get(), "dropping closes the idle model");
    }

    private static Tensor input() {
        return Tensor.zeros(1, 3, 32, 32);
    }

    /** A real model that counts its closes. */
    private record Counted(LoadedModel model, AtomicInteger closes) implements LoadedModel {
        @Override
        public ModelInfo info() {
            return model.info();
        }

        @Override
        public Map<String, Tensor> run(Tensor batch, List<String> tensorNames, Progress progress) {
            return model.run(batch, tensorNames, progress);
        }

        @Override
        public <T> java.util.Optional<T> capability(Class<T> type) {
            return model.capability(type);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            model.close();
        }
    }
}
