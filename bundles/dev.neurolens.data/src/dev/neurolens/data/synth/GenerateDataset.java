package dev.neurolens.data.synth;

import dev.neurolens.core.NeuroLensException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a synthetic Broden dataset from the command line, outside OSGi, for scripts (the
 * reference models under {@code tools/} train on its output):
 *
 * <pre>
 * java -cp dev.neurolens.core.jar:dev.neurolens.data.jar dev.neurolens.data.synth.GenerateDataset \
 *     --out DIR [--count 1000] [--size 64 | --size 96x64] [--mask-size 32] [--seed 1]
 *     [--objects 1..4] [--object-size 0.12..0.28] [--shapes circle,square,...]
 *     [--colors red,blue,...] [--textures striped,... | --textures none]
 *     [--textured 0.35,0.4] [--val 0.2] [--no-scene] [--threads N]
 * </pre>
 *
 * Exit status 0 on success, 2 for bad arguments, 1 if writing fails.
 */
public final class GenerateDataset {
    private GenerateDataset() {
    }

    /** Parses the arguments, generates, and prints where the dataset went and how long it took. */
    public static void main(String[] args) {
        GeneratorConfig config;
        Path out;
        try {
            GeneratorConfig.Builder b = GeneratorConfig.builder();
            out = parse(args, b);
            config = b.build();
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        try {
            new SceneGenerator(config).generate(out, dev.neurolens.core.progress.Progress.NONE);
        } catch (NeuroLensException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(1);
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %d scenes of %dx%d (masks %dx%d, seed %d) to %s in %.1f s%n",
                config.count(), config.width(), config.height(), config.maskWidth(), config.maskHeight(),
                config.seed(), out, seconds);
    }

    /** Applies the arguments to the builder; the output folder. */
    static Path parse(String[] args, GeneratorConfig.Builder b) {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-scene")) {
                b.sceneLabels(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value (or unknown option)");
            }
            String v = args[++i];
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--count" -> b.count(integer(a, v));
                case "--seed" -> b.seed(Long.parseLong(v));
                case "--size" -> {
                    int[] s = size(a, v);
                    b.size(s[0], s[1]);
                }
                case "--mask-size" -> {
                    int[] s = size(a, v);
                    b.maskSize(s[0], s[1]);
                }
                case "--objects" -> {
                    double[] r = range(a, v);
                    b.objects((int) r[0], (int) r[1]);
                }
                case "--object-size" -> {
                    double[] r = range(a, v);
                    b.objectSize(r[0], r[1]);
                }
                case "--shapes" -> b.shapes(names(a, v, ShapeKind.values(), ShapeKind::label));
                case "--colors" -> b.colors(names(a, v, NamedColor.values(), NamedColor::word));
                case "--textures" -> b.textures(v.equals("none") ? List.of()
                        : names(a, v, TextureKind.values(), TextureKind::label));
                case "--textured" -> {
                    String[] p = v.split(",");
                    if (p.length != 2) {
                        throw new IllegalArgumentException(a + " takes OBJECTS,BACKGROUND, e.g. 0.35,0.4");
                    }
                    b.texturedProbability(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
                }
                case "--val" -> b.valFraction(Double.parseDouble(v));
                case "--threads" -> b.threads(integer(a, v));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        return out;
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + v + "'");
        }
    }

    private static int[] size(String option, String v) {
        String[] p = v.split("x");
        if (p.length == 1) {
            int s = integer(option, p[0]);
            return new int[] {s, s};
        }
        if (p.length != 2) {
            throw new IllegalArgumentException(option + " takes N or WxH, not '" + v + "'");
        }
        return new int[] {integer(option, p[0]), integer(option, p[1])};
    }

    private static double[] range(String option, String v) {
        String[] p = v.split("\\.\\.");
        try {
            double lo = Double.parseDouble(p[0]);
            return new double[] {lo, p.length > 1 ? Double.parseDouble(p[1]) : lo};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes MIN..MAX, not '" + v + "'");
        }
    }

    private static <T> List<T> names(String option, String v, T[] values, Function<T, String> name) {
        List<T> out = new ArrayList<>();
        for (String part : v.split(",")) {
            T found = null;
            for (T t : values) {
                if (name.apply(t).equals(part.strip())) {
                    found = t;
                }
            }
            if (found == null) {
                List<String> valid = new ArrayList<>();
                for (T t : values) {
                    valid.add(name.apply(t));
                }
                throw new IllegalArgumentException(option + ": unknown '" + part + "' (valid: " + valid + ")");
            }
            out.add(found);
        }
        return out;
    }
}
