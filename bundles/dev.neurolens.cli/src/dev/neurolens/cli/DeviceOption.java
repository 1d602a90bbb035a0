package dev.neurolens.cli;

import dev.neurolens.core.model.ModelOptions;
import java.util.Optional;

/**
 * The device models run on: {@code --device cpu|gpu} where a command takes it, else the system
 * property {@code neurolens.device} (e.g. {@code NEUROLENS_JAVA_OPTS=-Dneurolens.device=gpu}),
 * else the CPU. Engines fall back to the CPU when no GPU is usable and say so.
 */
final class DeviceOption {
    /** The system property with the default device. */
    static final String PROPERTY = "neurolens.device";

    private DeviceOption() {
    }

    /** Model options for the device given on the command line, or by default. */
    static ModelOptions options(Args args) {
        return options(args.value("device"), "--device");
    }

    /** Model options for the default device ({@code neurolens.device}, else {@code cpu}). */
    static ModelOptions defaults() {
        return options(Optional.empty(), "--device");
    }

    private static ModelOptions options(Optional<String> given, String option) {
        String from = given.isPresent() ? option : "-D" + PROPERTY;
        String device = given.orElse(System.getProperty(PROPERTY, "cpu"));
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new UsageException(from + " must be cpu or gpu, got '" + device + "'");
        }
        ModelOptions d = ModelOptions.defaults();
        return new ModelOptions(device, d.threads(), d.preprocessing(), d.signature());
    }
}
