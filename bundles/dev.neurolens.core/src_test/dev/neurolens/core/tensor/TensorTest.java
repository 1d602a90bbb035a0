package dev.neurolens.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorTest {
    private final Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);

    @Test
    void indexesRowMajor() {
        assertEquals(5f, t.at(1, 2));
        assertEquals(4, t.flatIndex(1, 1));
        assertEquals(3, t.dim(-1));
        assertEquals(2, t.rank());
        assertEquals(6, t.size());
        assertEquals("[2, 3]", t.shapeString());
        assertThrows(IndexOutOfBoundsException.class, () -> t.at(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.at(1));
    }

    @Test
    void stacksAlongANewLeadingAxis() {
        Tensor s = Tensor.stack(List.of(t, t.reshape(2, 3)));
        assertArrayEquals(new int[] {2, 2, 3}, s.shape());
        assertEquals(4f, s.at(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(List.of(t, t.reshape(3, 2))));
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(List.of()));
    }

    @Test
    void slicesTheLeadingAxis() {
        Tensor row = t.slice(1);
        assertArrayEquals(new int[] {3}, row.shape());
        assertArrayEquals(new float[] {3, 4, 5}, row.data());
        Tensor scalar = row.slice(2);
        assertEquals(0, scalar.rank());
        assertEquals(5f, scalar.get(0));
        assertThrows(IllegalStateException.class, () -> scalar.slice(0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(2));
    }

    @Test
    void reshapesAndRefusesWrongSizes() {
        assertEquals(Tensor.of(t.data(), 3, 2), t.reshape(3, 2));
        assertNotEquals(t, t.reshape(3, 2));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1, 3));
    }

    @Test
    void isImmutableFromOutside() {
        float[] values = {1, 2};
        Tensor copy = Tensor.of(values, 2);
        values[0] = 9;
        assertEquals(1f, copy.get(0));
        copy.data()[1] = 9;
        assertEquals(2f, copy.get(1));
        int[] shape = copy.shape();
        shape[0] = 7;
        assertEquals(2, copy.dim(0));
    }

    @Test
    void findsMaximaAndNonFiniteValues() {
        assertEquals(5, t.argMax());
        assertEquals(1, Tensor.of(new float[] {1, 3, 3}, 3).argMax(), "first of equal maxima");
        assertEquals(-1, t.firstNonFinite());
        assertEquals(2, Tensor.of(new float[] {0, 1, Float.NaN, Float.POSITIVE_INFINITY}, 4).firstNonFinite());
    }
}
