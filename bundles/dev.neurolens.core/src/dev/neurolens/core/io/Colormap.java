package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Colour scales for heatmaps, after matplotlib's maps of the same names.
 *
 * <p>{@code VIRIDIS} and {@code INFERNO} interpolate 33 evenly spaced colours sampled from
 * matplotlib's 256-entry tables (within 2 of 255 levels of them); {@code JET}, {@code GRAY},
 * {@code SEISMIC} and {@code COOLWARM} use matplotlib's own segment data, so they match it up to
 * rounding. The diverging maps ({@link #diverging()}) are meant for signed maps scaled with
 * {@link Scaling#SYMMETRIC}, which puts zero at 0.5.
 */
public enum Colormap {
    /** Perceptually uniform dark blue to yellow; the default for non-negative maps. */
    VIRIDIS(false, ColorRamp.even(
            0x440154, 0x470D60, 0x48186A, 0x482374, 0x472D7B, 0x453681, 0x424086, 0x3F4989,
            0x3B528B, 0x375A8D, 0x33638D, 0x2F6A8E, 0x2C728E, 0x297A8E, 0x26818E, 0x23898E,
            0x21908C, 0x1F988B, 0x1F9F88, 0x21A685, 0x28AE80, 0x31B57B, 0x3EBC74, 0x4CC26C,
            0x5DC963, 0x6ECE58, 0x82D34C, 0x96D83F, 0xABDC32, 0xC0DF24, 0xD5E21A, 0xEAE51A,
            0xFDE725)),
    /** Perceptually uniform black to pale yellow through purple and orange. */
    INFERNO(false, ColorRamp.even(
            0x000004, 0x040312, 0x0B0724, 0x150B37, 0x210C4A, 0x2E0A5A, 0x3C0965, 0x4A0C6B,
            0x57106D, 0x63146E, 0x70196E, 0x7D1E6D, 0x89226A, 0x962766, 0xA32B61, 0xAF315C,
            0xBB3755, 0xC63E4D, 0xD14644, 0xDB4F3B, 0xE35932, 0xEB6528, 0xF1711E, 0xF67F14,
            0xF98D0A, 0xFB9C06, 0xFCAB0F, 0xFBBA1F, 0xF9CA32, 0xF5D949, 0xF2E865, 0xF3F586,
            0xFCFFA4)),
    /** The classic rainbow, dark blue to dark red (as in many Grad-CAM papers). */
    JET(false, ColorRamp.segments(
            new double[][] {{0, 0}, {0.35, 0}, {0.66, 1}, {0.89, 1}, {1, 0.5}},
            new double[][] {{0, 0}, {0.125, 0}, {0.375, 1}, {0.64, 1}, {0.91, 0}, {1, 0}},
            new double[][] {{0, 0.5}, {0.11, 1}, {0.34, 1}, {0.65, 0}, {1, 0}})),
    /** Black to white. */
    GRAY(false, ColorRamp.even(0x000000, 0xFFFFFF)),
    /** Diverging dark blue, blue, white (at 0.5), red, dark red. */
    SEISMIC(true, ColorRamp.even(0x00004C, 0x0000FF, 0xFFFFFF, 0xFF0000, 0x800000)),
    /** Moreland's diverging blue to red through light grey (at 0.5). */
    COOLWARM(true, ColorRamp.even(
            0x3B4CC0, 0x445ACC, 0x4D68D7, 0x5775E1, 0x6282EA, 0x6C8EF1, 0x779AF7, 0x82A5FB,
            0x8DB0FE, 0x98B9FF, 0xA3C2FF, 0xAEC9FD, 0xB8D0F9, 0xC2D5F4, 0xCCD9EE, 0xD5DBE6,
            0xDDDDDD, 0xE5D8D1, 0xECD3C5, 0xF1CCB9, 0xF5C4AD, 0xF7BBA0, 0xF7B194, 0xF7A687,
            0xF49A7B, 0xF18D6F, 0xEC7F63, 0xE57058, 0xDE604D, 0xD55042, 0xCB3E38, 0xC0282F,
            0xB40426));

    private final boolean diverging;
    private final ColorRamp ramp;

    Colormap(boolean diverging, ColorRamp ramp) {
        this.diverging = diverging;
        this.ramp = ramp;
    }

    /**
     * The colour at {@code t} as {@code 0xRRGGBB}; {@code t} is clamped to [0,1] and NaN is
     * treated as 0.
     */
    public int rgb(double t) {
        return ramp.rgb(t);
    }

    /** Whether the map is diverging: a neutral colour at 0.5 between two hues, for signed maps. */
    public boolean diverging() {
        return diverging;
    }

    /** The name as users type it, e.g. {@code viridis}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The map of that name, ignoring case ({@code grey} is accepted for {@code gray}).
     *
     * @throws NeuroLensException listing the valid names if there is none of that name
     */
    public static Colormap parse(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        if (n.equals("GREY")) {
            return GRAY;
        }
        for (Colormap c : values()) {
            if (c.name().equals(n)) {
                return c;
            }
        }
        throw new NeuroLensException("unknown colormap '" + name + "'; valid colormaps: "
                + Arrays.stream(values()).map(Colormap::displayName).collect(Collectors.joining(", ")));
    }
}
