package dev.neurolens.milan;

/**
 * One unit (channel) of a layer.
 *
 * @param layer the layer's tensor name, as {@code neurolens info} lists it
 * @param channel the channel index, 0-based
 */
public record Unit(String layer, int channel) {

    /** Checks the fields. */
    public Unit {
        if (layer == null || layer.isEmpty() || channel < 0) {
            throw new IllegalArgumentException("a unit needs a layer name and a channel >= 0, got " + layer + " #"
                    + channel);
        }
    }

    @Override
    public String toString() {
        return layer + "#" + channel;
    }
}
