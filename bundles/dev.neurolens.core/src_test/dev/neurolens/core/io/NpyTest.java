package dev.neurolens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void writesTheExactBytesNumpyWrites() {
        byte[] actual = Npy.toBytes(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        expected.writeBytes(new byte[] {118, 0}); // header length, little-endian: 10 + 118 = 128
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        expected.writeBytes((dict + " ".repeat(118 - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {
            0, 0, (byte) 0x80, 0x3f, // 1.0f
            0, 0, 0, 0x40, // 2.0f
            0, 0, 0x40, 0x40, // 3.0f
            0, 0, (byte) 0x80, 0x40, // 4.0f
            0, 0, (byte) 0xa0, 0x40, // 5.0f
            0, 0, (byte) 0xc0, 0x40}); // 6.0f
        assertArrayEquals(expected.toByteArray(), actual);

        // and the same bytes as numpy.save(f, numpy.arange(1, 7, dtype='<f4').reshape(2, 3)) gives
        String numpy = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046"
                + "616c73652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020"
                + "2020202020202020202020202020202020202020202020202020202020202020202020200a0000803f00000040000"
                + "04040000080400000a0400000c040";
        assertEquals(numpy, HexFormat.of().formatHex(actual));
    }

    @Test
    void headerEndsOnA64ByteBoundaryWithANewline() {
        int[][] shapes = {{}, {5}, {0}, {1, 3, 32, 32}, {123456789, 0}, {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}};
        for (int[] shape : shapes) {
            byte[] bytes = Npy.toBytes(Tensor.zeros(shape));
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            int dataStart = 10 + headerLength;
            assertEquals(0, dataStart % 64, "shape " + Arrays.toString(shape));
            assertEquals('\n', bytes[dataStart - 1], "shape " + Arrays.toString(shape));
            assertEquals(dataStart + 4 * Tensor.elementCount(shape), bytes.length);
        }
    }

    @Test
    void leavesNumpysSpareSpaceForGrowingTheFirstAxis() {
        // numpy.save adds 21 - len(str(shape[0])) spaces before padding; for 15 axes of size 1
        // that moves the data from byte 128 to byte 192
        int[] shape = new int[15];
        Arrays.fill(shape, 1);
        byte[] bytes = Npy.toBytes(Tensor.zeros(shape));
        assertEquals(192 + 4, bytes.length);
        assertTrue(header(bytes).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1, 1, 1,"
                + " 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), }   "));
    }

    @Test
    void writesPythonTupleShapes() {
        assertTrue(header(Npy.toBytes(Tensor.of(new float[] {7}))).contains("'shape': (), }"));
        assertTrue(header(Npy.toBytes(Tensor.zeros(4))).contains("'shape': (4,), }"));
        assertTrue(header(Npy.toBytes(Tensor.zeros(1, 3, 32, 32))).contains("'shape': (1, 3, 32, 32), }"));
    }

    @Test
    void roundTripsThroughAFile() throws IOException {
        float[] values = {0f, -1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 3e-7f, 42f};
        Tensor t = Tensor.of(values, 2, 1, 4);
        Path file = dir.resolve("sub/folder/t.npy");
        Npy.write(t, file);
        assertEquals(t, Npy.read(file));

        Tensor scalar = Tensor.of(new float[] {2.5f});
        Npy.write(scalar, file);
        Tensor back = Npy.read(file);
        assertEquals(0, back.rank());
        assertEquals(2.5f, back.get(0));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void readsTheReferenceTensors() {
        Tensor input = Npy.read(sample("../../models/resnet20_cifar10.chelsea.input.npy"));
        assertArrayEquals(new int[] {1, 3, 32, 32}, input.shape());
        assertEquals(0.27956167f, input.at(0, 0, 0, 0), 1e-7);
        assertEquals(0.77507645f, input.at(0, 2, 31, 31), 1e-7);
        assertEquals(-0.26750696f, input.at(0, 1, 16, 5), 1e-7);

        Tensor logits = Npy.read(sample("../../models/resnet20_cifar10.chelsea.logits.npy"));
        assertArrayEquals(new int[] {1, 10}, logits.shape());
        assertEquals(3, logits.argMax(), "the reference model calls Chelsea a cat");
        assertEquals(29.307299f, logits.get(3), 1e-5);
    }

    @Test
    void readsOtherDtypesAsFloat() {
        assertArrayEquals(new float[] {1.5f, -2f}, read("<f8", 2, b -> b.order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(1.5).putDouble(-2)).data());
        assertArrayEquals(new float[] {1.5f, -2f}, read(">f8", 2, b -> b.order(ByteOrder.BIG_ENDIAN)
                .putDouble(1.5).putDouble(-2)).data());
        assertArrayEquals(new float[] {0.25f, 8f}, read(">f4", 2, b -> b.order(ByteOrder.BIG_ENDIAN)
                .putFloat(0.25f).putFloat(8)).data());
        assertArrayEquals(new float[] {0f, 255f}, read("|u1", 2, b -> b.put((byte) 0).put((byte) 255)).data());
        assertArrayEquals(new float[] {-128f, 127f}, read("|i1", 2, b -> b.put((byte) -128).put((byte) 127)).data());
        assertArrayEquals(new float[] {-70000f, 3f}, read("<i4", 2, b -> b.order(ByteOrder.LITTLE_ENDIAN)
                .putInt(-70000).putInt(3)).data());
        assertArrayEquals(new float[] {-5f, 1e12f}, read("<i8", 2, b -> b.order(ByteOrder.LITTLE_ENDIAN)
                .putLong(-5).putLong(1_000_000_000_000L)).data());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nothing.npy");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Npy.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void truncatedDataIsAnErrorNamingTheFile() throws IOException {
        byte[] bytes = Npy.toBytes(Tensor.zeros(4, 4));
        Path file = dir.resolve("cut.npy");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.write(file, Arrays.copyOf(bytes, 40)); // inside the header
        e = assertThrows(NeuroLensException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badMagicIsAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("text.npy");
        Files.writeString(file, "just some text, not numpy at all");
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());

        Files.write(file, new byte[] {(byte) 0x93, 'N'});
        assertThrows(NeuroLensException.class, () -> Npy.read(file));
    }

    @Test
    void fortranOrderIsAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("fortran.npy");
        Files.write(file, npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", new byte[16]));
        NeuroLensException e = assertThrows(NeuroLensException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
    }

    @Test
    void unsupportedDtypesAreErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("odd.npy");
        for (String descr : new String[] {"'<c8'", "'<U3'", "'|O'", "[('a', '<f4')]"}) {
            Files.write(file, npy("{'descr': " + descr + ", 'fortran_order': False, 'shape': (1,), }", new byte[16]));
            NeuroLensException e = assertThrows(NeuroLensException.class, () -> Npy.read(file), descr);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("unsupported dtype"), e.getMessage());
        }
    }

    @Test
    void atomicWriteKeepsTheTargetWhenTheWriterFails() throws IOException {
        Path file = dir.resolve("keep.npy");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "temporary file removed");
        }
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals("old", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("never")));
    }

    private static String header(byte[] npy) {
        int length = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        return new String(npy, 10, length, StandardCharsets.US_ASCII);
    }

    private Tensor read(String descr, int count, java.util.function.Consumer<ByteBuffer> data) {
        ByteBuffer b = ByteBuffer.allocate(64);
        data.accept(b);
        byte[] payload = Arrays.copyOf(b.array(), b.position());
        Path file = dir.resolve("dtype.npy");
        try {
            Files.write(file, npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + count + ",), }",
                    payload));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Npy.read(file);
    }

    /** A version 1.0 npy file with the given header dictionary, padded as numpy pads it. */
    private static byte[] npy(String dict, byte[] data) {
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(),
            (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * A sample file by its path relative to this bundle's folder, e.g. {@code ../../models/x.npy}
     * (the build passes the folder as {@code neurolens.bundle.dir}; an IDE run starts in it). Kept
     * in each test class: Tycho's incremental test compile does not see other test classes.
     */
    private static Path sample(String relative) {
        return Path.of(System.getProperty("neurolens.bundle.dir", "")).toAbsolutePath().resolve(relative).normalize();
    }
}
