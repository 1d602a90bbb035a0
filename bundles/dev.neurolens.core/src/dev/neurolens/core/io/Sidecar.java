package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.model.Preprocessing.ChannelOrder;
import dev.neurolens.core.model.Preprocessing.Layout;
import dev.neurolens.core.model.Preprocessing.Resize;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preprocessing sidecar: a {@link Properties} file next to a model that says how images
 * become its input and what its outputs are called (format: {@code docs/sidecar.md}).
 *
 * <pre>
 * input.size = 32x32                  (required; WxH, or one number for a square)
 * input.channels = RGB                (RGB, BGR or GRAY; default RGB)
 * input.layout = NCHW                 (NCHW or NHWC; default NCHW)
 * input.scale = 255                   (pixel values are divided by it; default 255)
 * input.mean = 0.485, 0.456, 0.406    (per channel, in channel order; default 0)
 * input.std = 0.229, 0.224, 0.225     (per channel, in channel order; default 1)
 * input.resize = center-crop          (center-crop or stretch; default center-crop)
 * labels = airplane, automobile, ...  (or labels.file = a file with one label per line)
 * </pre>
 *
 * Files are read as UTF-8 (ISO-8859-1 if they are not valid UTF-8). Unknown keys are errors, so
 * that a misspelt key does not silently fall back to a default.
 */
public final class Sidecar {
    /** Suffix of the sidecar of a model file: {@code X.onnx} has {@code X.neurolens.properties}. */
    public static final String SUFFIX = ".neurolens.properties";
    /** Name of the sidecar inside a model folder (a TensorFlow SavedModel). */
    public static final String FOLDER_FILE = "neurolens.properties";

    private static final String SIZE = "input.size";
    private static final String CHANNELS = "input.channels";
    private static final String LAYOUT = "input.layout";
    private static final String SCALE = "input.scale";
    private static final String MEAN = "input.mean";
    private static final String STD = "input.std";
    private static final String RESIZE = "input.resize";
    private static final String LABELS = "labels";
    private static final String LABELS_FILE = "labels.file";
    private static final List<String> KEYS = List.of(SIZE, CHANNELS, LAYOUT, SCALE, MEAN, STD, RESIZE, LABELS,
            LABELS_FILE);
    private static final Pattern SIZE_PATTERN = Pattern.compile("(\\d+)(?:\\s*[xX\u00d7]\\s*(\\d+))?");

    private Sidecar() {
    }

    /**
     * Where the sidecar of a model is: for a file {@code dir/X.ext}, {@code dir/X.neurolens.properties};
     * for a folder {@code D} (a SavedModel), {@code D/neurolens.properties}. The file need not exist.
     */
    public static Path locate(Path model) {
        if (Files.isDirectory(model)) {
            return model.resolve(FOLDER_FILE);
        }
        String name = model.getFileName() == null ? "" : model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return model.resolveSibling(stem + SUFFIX);
    }

    /**
     * The preprocessing from a model's sidecar, or empty if it has none.
     *
     * @throws NeuroLensException naming the sidecar (and the key, where one is at fault) if it
     *     cannot be read or holds bad content
     */
    public static Optional<Preprocessing> read(Path model) {
        Path file = locate(model);
        return Files.isRegularFile(file) ? Optional.of(readFile(file)) : Optional.empty();
    }

    /**
     * Reads one sidecar file; {@code labels.file} is resolved against its folder.
     *
     * @throws NeuroLensException naming the file (and the key) if it is missing, unreadable or bad
     */
    public static Preprocessing readFile(Path sidecarFile) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text(sidecarFile)));
        } catch (NoSuchFileException e) {
            throw new NeuroLensException("sidecar file not found: " + sidecarFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new NeuroLensException("cannot read sidecar " + sidecarFile + ": " + e.getMessage(), e);
        }
        Path folder = sidecarFile.toAbsolutePath().getParent();
        return parse(props, sidecarFile.toString(), folder);
    }

    /**
     * Preprocessing from sidecar properties, with a relative {@code labels.file} resolved against
     * the working folder.
     *
     * @param source names the properties in error messages, e.g. the file path
     * @throws NeuroLensException naming the source and key on bad content
     */
    public static Preprocessing parse(Properties props, String source) {
        return parse(props, source, null);
    }

    /**
     * Preprocessing from sidecar properties.
     *
     * @param source names the properties in error messages, e.g. the file path
     * @param folder the folder a relative {@code labels.file} is resolved against (the sidecar's);
     *     {@code null} for the working folder
     * @throws NeuroLensException naming the source and key on bad content
     */
    public static Preprocessing parse(Properties props, String source, Path folder) {
        for (String key : props.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new NeuroLensException(source + ": unknown key '" + key + "'" + suggestion(key) + "; valid keys: "
                        + String.join(", ", KEYS));
            }
        }
        String size = value(props, SIZE);
        if (size == null) {
            throw new NeuroLensException(source + ": missing " + SIZE + " (the model's input size, e.g. "
                    + SIZE + " = 224x224)");
        }
        int[] wh = size(size, source);
        ChannelOrder channels = choice(props, CHANNELS, ChannelOrder.values(), ChannelOrder.RGB, source);
        Layout layout = choice(props, LAYOUT, Layout.values(), Layout.NCHW, source);
        float scale = scale(props, source);
        int c = channels.channels();
        float[] mean = floats(props, MEAN, c, 0f, source);
        float[] std = floats(props, STD, c, 1f, source);
        for (float s : std) {
            if (!(s > 0)) {
                throw bad(source, STD, value(props, STD), "standard deviations must be positive");
            }
        }
        Resize resize = resize(props, source);
        List<String> labels = labels(props, source, folder);
        return new Preprocessing(wh[0], wh[1], channels, layout, scale, mean, std, resize, labels);
    }

    /**
     * The sidecar text for a preprocessing, labels inline.
     *
     * @throws IllegalArgumentException if a label cannot be written inline (it is empty, holds a
     *     comma or a line break, or starts or ends with a space); {@link #write} handles those
     */
    public static String format(Preprocessing p) {
        String problem = inlineProblem(p.labels());
        if (problem != null) {
            throw new IllegalArgumentException("cannot write labels inline: " + problem
                    + "; Sidecar.write puts them in a labels file instead");
        }
        return format(p, null);
    }

    /**
     * Writes a sidecar file atomically. Labels that cannot be written inline (see
     * {@link #format}) go to a labels file beside it, {@code NAME.labels.txt} for a sidecar
     * {@code NAME.properties}, named by {@code labels.file}.
     *
     * @throws IllegalArgumentException if a label is empty or holds a line break
     */
    public static void write(Preprocessing p, Path sidecarFile) throws IOException {
        String text;
        if (inlineProblem(p.labels()) == null) {
            text = format(p, null);
        } else {
            for (String label : p.labels()) {
                if (label.isBlank() || label.contains("\n") || label.contains("\r")) {
                    throw new IllegalArgumentException("cannot write label '" + label
                            + "': labels must be non-empty single lines");
                }
            }
            String name = sidecarFile.getFileName().toString();
            String labelsName = (name.endsWith(".properties") ? name.substring(0, name.length() - 11) : name)
                    + ".labels.txt";
            byte[] labels = (String.join("\n", p.labels()) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(sidecarFile.resolveSibling(labelsName), out -> out.write(labels));
            text = format(p, labelsName);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(sidecarFile, out -> out.write(bytes));
    }

    private static String format(Preprocessing p, String labelsFile) {
        StringBuilder sb = new StringBuilder("# NeuroLens preprocessing sidecar (format: docs/sidecar.md)\n");
        line(sb, SIZE, p.width() + "x" + p.height());
        line(sb, CHANNELS, p.channelOrder().name());
        line(sb, LAYOUT, p.layout().name());
        line(sb, SCALE, number(p.scale()));
        line(sb, MEAN, numbers(p.mean()));
        line(sb, STD, numbers(p.std()));
        line(sb, RESIZE, p.resize().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (labelsFile != null) {
            line(sb, LABELS_FILE, labelsFile);
        } else if (!p.labels().isEmpty()) {
            line(sb, LABELS, String.join(", ", p.labels()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(" = ");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            sb.append(ch == '\\' ? "\\\\" : String.valueOf(ch));
        }
        sb.append('\n');
    }

    private static String inlineProblem(List<String> labels) {
        for (String label : labels) {
            if (label.isEmpty()) {
                return "a label is empty";
            }
            if (label.contains(",")) {
                return "label '" + label + "' contains a comma";
            }
            if (label.contains("\n") || label.contains("\r")) {
                return "a label contains a line break";
            }
            if (!label.equals(label.strip())) {
                return "label '" + label + "' starts or ends with a space";
            }
        }
        return null;
    }

    private static String number(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e7f ? Long.toString((long) f) : Float.toString(f);
    }

    private static String numbers(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (float v : values) {
            sb.append(sb.isEmpty() ? "" : ", ").append(number(v));
        }
        return sb.toString();
    }

    private static String value(Properties props, String key) {
        String v = props.getProperty(key);
        return v == null ? null : v.strip();
    }

    private static int[] size(String value, String source) {
        Matcher m = SIZE_PATTERN.matcher(value);
        if (m.matches()) {
            try {
                int w = Integer.parseInt(m.group(1));
                int h = m.group(2) == null ? w : Integer.parseInt(m.group(2));
                if (w > 0 && h > 0) {
                    return new int[] {w, h};
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw bad(source, SIZE, value, "expected WIDTHxHEIGHT such as 224x224, or one number for a square");
    }

    private static <E extends Enum<E>> E choice(Properties props, String key, E[] choices, E fallback,
            String source) {
        String v = value(props, key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        for (E e : choices) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw bad(source, key, v, "expected one of " + Arrays.toString(choices));
    }

    private static Resize resize(Properties props, String source) {
        String v = value(props, RESIZE);
        if (v == null || v.isEmpty()) {
            return Resize.CENTER_CROP;
        }
        return switch (v.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "center-crop", "centre-crop" -> Resize.CENTER_CROP;
            case "stretch" -> Resize.STRETCH;
            default -> throw bad(source, RESIZE, v, "expected center-crop or stretch");
        };
    }

    private static float scale(Properties props, String source) {
        String v = value(props, SCALE);
        if (v == null || v.isEmpty()) {
            return 255f;
        }
        float scale = parseFloat(v, source, SCALE);
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw bad(source, SCALE, v, "expected a positive number such as 255 or 1");
        }
        return scale;
    }

    private static float[] floats(Properties props, String key, int count, float fallback, String source) {
        String v = value(props, key);
        float[] out = new float[count];
        if (v == null || v.isEmpty()) {
            Arrays.fill(out, fallback);
            return out;
        }
        String[] parts = v.split(",", -1);
        if (parts.length != count && parts.length != 1) {
            throw bad(source, key, v, "expected " + count + " comma-separated numbers (one per channel), or one"
                    + " number for all channels");
        }
        for (int i = 0; i < count; i++) {
            out[i] = parseFloat(parts[parts.length == 1 ? 0 : i].strip(), source, key);
        }
        return out;
    }

    private static float parseFloat(String v, String source, String key) {
        try {
            float f = Float.parseFloat(v);
            if (Float.isFinite(f) && !v.endsWith("f") && !v.endsWith("F") && !v.endsWith("d") && !v.endsWith("D")) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(source, key, v, "not a number");
    }

    private static List<String> labels(Properties props, String source, Path folder) {
        String inline = props.getProperty(LABELS);
        String file = value(props, LABELS_FILE);
        if (inline != null && file != null) {
            throw new NeuroLensException(source + ": give either " + LABELS + " or " + LABELS_FILE + ", not both");
        }
        if (file != null) {
            return labelsFile(file, source, folder);
        }
        if (inline == null || inline.isBlank()) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        for (String part : inline.split(",", -1)) {
            String label = part.strip();
            if (label.isEmpty()) {
                throw bad(source, LABELS, inline.strip(), "label " + (labels.size() + 1) + " is empty");
            }
            labels.add(label);
        }
        return labels;
    }

    private static List<String> labelsFile(String name, String source, Path folder) {
        if (name.isEmpty()) {
            throw bad(source, LABELS_FILE, name, "expected a file name");
        }
        Path path = Path.of(name);
        Path resolved = path.isAbsolute() || folder == null ? path : folder.resolve(path);
        List<String> lines;
        try {
            lines = new ArrayList<>(text(resolved).lines().map(String::strip).toList());
        } catch (NoSuchFileException e) {
            throw new NeuroLensException(source + ": " + LABELS_FILE + ": labels file not found: " + resolved);
        } catch (IOException e) {
            throw new NeuroLensException(source + ": " + LABELS_FILE + ": cannot read " + resolved + ": "
                    + e.getMessage(), e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1).strip());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new NeuroLensException(source + ": " + LABELS_FILE + ": line " + (i + 1) + " of " + resolved
                        + " is empty (one label per line, in class order)");
            }
        }
        return lines;
    }

    /** A file's text: UTF-8, or ISO-8859-1 if it is not valid UTF-8. */
    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static NeuroLensException bad(String source, String key, String value, String expected) {
        return new NeuroLensException(source + ": bad value for " + key + ": '" + value + "' (" + expected + ")");
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYS) {
            int d = distance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
