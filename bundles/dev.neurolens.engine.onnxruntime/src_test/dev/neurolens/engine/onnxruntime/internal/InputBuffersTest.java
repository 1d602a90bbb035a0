package dev.neurolens.engine.onnxruntime.internal;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The reuse of direct input buffers (their use by runs is covered by every engine test). */
class InputBuffersTest {

    @Test
    void aReleasedBufferIsReusedWhenLargeEnough() {
        InputBuffers buffers = new InputBuffers();
        ByteBuffer a = buffers.take(4096);
        assertTrue(a.isDirect());
        ByteBuffer b = buffers.take(4096);
        assertNotSame(a, b, "in use: not handed out twice");
        buffers.release(a);
        assertSame(a, buffers.take(1024), "a smaller input reuses it");
        buffers.release(a);
        ByteBuffer big = buffers.take(8192);
        assertNotSame(a, big, "too small for the input: a new one");
        assertTrue(big.capacity() >= 8192);
        assertSame(a, buffers.take(4096), "and the small one is still there");
    }

    @Test
    void keepsAtMostTwo() {
        InputBuffers buffers = new InputBuffers();
        ByteBuffer[] taken = {buffers.take(64), buffers.take(64), buffers.take(64)};
        for (ByteBuffer t : taken) {
            buffers.release(t);
        }
        ByteBuffer first = buffers.take(64);
        ByteBuffer second = buffers.take(64);
        ByteBuffer third = buffers.take(64);
        assertTrue(first == taken[0] || first == taken[1]);
        assertTrue(second == taken[0] || second == taken[1]);
        assertNotSame(taken[2], third, "the third was dropped, not kept");
    }
}
