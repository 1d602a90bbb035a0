package dev.neurolens.tests.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.io.Images;
import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelAdapter;
import dev.neurolens.core.model.ModelOptions;
import dev.neurolens.core.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The core wiring inside Equinox (the framework of the Eclipse IDE): Declarative Services registers
 * the ONNX Runtime adapter and the command-line service from lazily activated bundles, and the
 * adapter found as a service classifies the bundled photo of a cat.
 */
class EquinoxWiringTest {
    private static final Path HOME = Path.of(System.getProperty("neurolens.home", "../..")).toAbsolutePath();

    private static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(EquinoxWiringTest.class);
        assertNotNull(self, "the test runs inside an OSGi framework");
        return self.getBundleContext();
    }

    @Test
    void runsOnEquinox() {
        String vendor = context().getProperty("org.osgi.framework.vendor");
        assertTrue(vendor != null && vendor.contains("Eclipse"), "framework vendor: " + vendor);
    }

    @Test
    void adapterServiceIsRegisteredByDeclarativeServicesAndClassifies() throws Exception {
        ServiceTracker<ModelAdapter, ModelAdapter> tracker = new ServiceTracker<>(context(), ModelAdapter.class, null);
        tracker.open();
        try {
            ModelAdapter adapter = tracker.waitForService(20_000);
            assertNotNull(adapter, "a ModelAdapter service appears");
            Path model = HOME.resolve("models/resnet20_cifar10.onnx");
            assertTrue(adapter.accepts(model));
            try (LoadedModel m = adapter.open(model, ModelOptions.defaults().withThreads(2))) {
                Tensor input = Images.load(HOME.resolve("images/chelsea.png"), m.info().preprocessing());
                Tensor logits = m.predict(Tensor.stack(List.of(input)));
                assertEquals(3, logits.argMax(), "chelsea is a cat (class 3)");
                assertEquals("cat", m.info().preprocessing().label(3).orElse(""));
            }
        } finally {
            tracker.close();
        }
    }

    @Test
    void commandLineServiceIsRegistered() throws Exception {
        Filter f = context().createFilter("(&(objectClass=java.util.function.Function)(neurolens.command=main))");
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context(), f, null);
        tracker.open(true);
        try {
            assertNotNull(tracker.waitForService(20_000), "the CLI's command service appears");
        } finally {
            tracker.close();
        }
    }
}
