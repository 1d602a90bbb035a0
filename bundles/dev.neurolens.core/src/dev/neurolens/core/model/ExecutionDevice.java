package dev.neurolens.core.model;

import java.util.Objects;

/**
 * Where an opened model runs, as its engine reports it: engines offer it as a capability,
 * {@code model.capability(ExecutionDevice.class)}. The device is asked for with
 * {@link ModelOptions#device()} (a UI's CPU/GPU preference, the CLI's {@code --device}); an
 * engine that cannot use the GPU runs on the CPU instead and says why in {@link #note()}, so that
 * callers can show it (the CLI's {@code info} prints it; a UI puts it in its status line).
 *
 * @param requested {@code cpu} or {@code gpu}, as asked for
 * @param used {@code cpu} or {@code gpu}, where the model actually runs
 * @param note one line for users: what runs the model, or why the GPU is not used
 */
public record ExecutionDevice(String requested, String used, String note) {

    /** Compact constructor: checks that nothing is missing. */
    public ExecutionDevice {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(note, "note");
    }

    /** Whether the model runs elsewhere than asked (a GPU was asked for but is not usable). */
    public boolean fellBack() {
        return !requested.equals(used);
    }

    /** One line, e.g. {@code cpu} or {@code cpu (gpu requested: no CUDA ...)}. */
    @Override
    public String toString() {
        return fellBack() ? used + " (" + requested + " requested: " + note + ")" : used + " (" + note + ")";
    }
}
