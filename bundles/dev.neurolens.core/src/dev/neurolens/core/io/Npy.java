package dev.neurolens.core.io;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format version 1.0): float32 little-endian, C order, so that
 * {@code numpy.load} reads what NeuroLens writes. Reading also accepts float64, int8/uint8,
 * int32 and int64 arrays (converted to float32) in either byte order.
 *
 * <p>Files are written byte for byte as {@code numpy.save} writes them: the header dictionary is
 * followed by numpy's spare space for growing the first axis, then padded with spaces and a
 * newline so that the data starts at a multiple of 64 bytes.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** numpy leaves room for the first axis to grow to this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final String SUPPORTED = "<f4 >f4 <f8 >f8 <f2 >f2 |u1 |i1 |b1 <i2 >i2 <u2 >u2 <i4 >i4 <u4 >u4 "
            + "<i8 >i8 <u8 >u8";

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** The complete file bytes for a tensor: magic, version, header padded to 64 bytes, data. */
    public static byte[] toBytes(Tensor tensor) {
        byte[] header = header(tensor.shape());
        ByteBuffer out = ByteBuffer.allocate(header.length + 4 * tensor.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        out.asFloatBuffer().put(tensor.buffer());
        return out.array();
    }

    /** Writes a tensor atomically. */
    public static void write(Tensor tensor, Path file) throws IOException {
        byte[] bytes = toBytes(tensor);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a tensor.
     *
     * @throws dev.neurolens.core.NeuroLensException naming the file if it is missing, not a .npy
     *     file, truncated, Fortran-ordered or of an unsupported dtype
     */
    public static Tensor read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NeuroLensException("npy file not found: " + file);
        } catch (IOException e) {
            throw new NeuroLensException("cannot read npy file " + file + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new NeuroLensException("npy file " + file + " is too large to load", e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Reads a tensor from the bytes of a {@code .npy} file.
     *
     * @param source names the bytes in error messages, e.g. the file path
     * @throws NeuroLensException naming {@code source} if the bytes are not a supported npy array
     */
    public static Tensor parse(byte[] bytes, String source) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NeuroLensException("not a .npy file: " + source + " (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerStart = 10;
            headerLength = bytes.length < headerStart ? -1 : in.getShort(8) & 0xffff;
        } else if (major == 2 || major == 3) {
            headerStart = 12;
            headerLength = bytes.length < headerStart ? -1 : in.getInt(8);
        } else {
            throw new NeuroLensException("unsupported .npy format version " + major + "." + (bytes[7] & 0xff)
                    + " in " + source + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLength < 0 || (long) headerStart + headerLength > bytes.length) {
            throw new NeuroLensException("truncated .npy file: " + source + " (the header is incomplete)");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Dtype dtype = dtype(header, source);
        int[] shape = shape(header, source);
        long count = Tensor.elementCount(shape);
        if (count > Integer.MAX_VALUE) {
            throw new NeuroLensException("npy array in " + source + " is too large: shape " + Arrays.toString(shape));
        }
        int dataStart = headerStart + headerLength;
        long needed = count * dtype.size;
        if (bytes.length - dataStart < needed) {
            throw new NeuroLensException("truncated .npy file: " + source + " (shape " + Arrays.toString(shape)
                    + " of " + dtype.descr + " needs " + needed + " data bytes, found " + (bytes.length - dataStart)
                    + ")");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(dtype.order);
        return Tensor.wrap(dtype.decode(data, (int) count), shape);
    }

    private static Dtype dtype(String header, String source) {
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new NeuroLensException("unsupported dtype in " + source + ": only plain numeric arrays are read"
                    + " (structured or object arrays are not); supported: " + SUPPORTED);
        }
        Matcher fortran = FORTRAN.matcher(header);
        if (!fortran.find()) {
            throw new NeuroLensException("bad .npy header in " + source + ": no fortran_order");
        }
        if (fortran.group(1).equals("True")) {
            throw new NeuroLensException("cannot read " + source + ": Fortran-ordered arrays are not supported;"
                    + " save it with numpy.save(path, numpy.ascontiguousarray(a))");
        }
        Dtype dtype = Dtype.of(descr.group(1));
        if (dtype == null) {
            throw new NeuroLensException("unsupported dtype '" + descr.group(1) + "' in " + source + "; supported: "
                    + SUPPORTED);
        }
        return dtype;
    }

    private static int[] shape(String header, String source) {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new NeuroLensException("bad .npy header in " + source + ": no shape");
        }
        String[] parts = m.group(1).split(",");
        int[] dims = new int[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 longs
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new NeuroLensException("bad .npy header in " + source + ": shape (" + m.group(1) + ")");
            }
            if (dims[n] < 0) {
                throw new NeuroLensException("bad .npy header in " + source + ": shape (" + m.group(1) + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    private static byte[] header(int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            dict.repeat(' ', Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        int used = MAGIC.length + 2 + 2 + dict.length() + 1;
        dict.repeat(' ', ALIGN - used % ALIGN).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    /** The element types read, and how each becomes float32. */
    private enum Kind {
        FLOAT, SIGNED, UNSIGNED, BOOL
    }

    private record Dtype(String descr, Kind kind, int size, ByteOrder order) {
        static Dtype of(String descr) {
            if (descr.length() < 3) {
                return null;
            }
            char byteOrder = descr.charAt(0);
            char kindChar = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                return null;
            }
            Kind kind = switch (kindChar) {
                case 'f' -> size == 2 || size == 4 || size == 8 ? Kind.FLOAT : null;
                case 'i' -> size == 1 || size == 2 || size == 4 || size == 8 ? Kind.SIGNED : null;
                case 'u' -> size == 1 || size == 2 || size == 4 || size == 8 ? Kind.UNSIGNED : null;
                case 'b' -> size == 1 ? Kind.BOOL : null;
                default -> null;
            };
            if (kind == null) {
                return null;
            }
            ByteOrder order = switch (byteOrder) {
                case '<' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '|', '=' -> size == 1 || byteOrder == '=' ? ByteOrder.nativeOrder() : null;
                default -> null;
            };
            return order == null ? null : new Dtype(descr, kind, size, order);
        }

        float[] decode(ByteBuffer data, int count) {
            float[] out = new float[count];
            if (kind == Kind.FLOAT && size == 4) {
                data.asFloatBuffer().get(out);
                return out;
            }
            for (int i = 0; i < count; i++) {
                out[i] = switch (kind) {
                    case FLOAT -> size == 2 ? Float.float16ToFloat(data.getShort())
                            : size == 4 ? data.getFloat() : (float) data.getDouble();
                    case SIGNED -> size == 1 ? data.get() : size == 2 ? data.getShort()
                            : size == 4 ? data.getInt() : (float) data.getLong();
                    case UNSIGNED -> size == 1 ? data.get() & 0xff : size == 2 ? data.getShort() & 0xffff
                            : size == 4 ? data.getInt() & 0xffffffffL : unsignedLong(data.getLong());
                    case BOOL -> data.get() != 0 ? 1f : 0f;
                };
            }
            return out;
        }

        private static float unsignedLong(long v) {
            return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
        }
    }
}
