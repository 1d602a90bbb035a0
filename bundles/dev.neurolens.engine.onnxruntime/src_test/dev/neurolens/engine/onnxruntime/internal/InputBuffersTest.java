package dev.neurolens.engine.onnxruntime.internal;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The reuse of direct input buffers (their use by runs is covered by every engine test). */
class InputBuffersTest {

    @Test
    void theSmallestLargeEnoughBufferIsReused() {
        InputBuffers buffers = new InputBuffers();
        ByteBuffer small = buffers.take(1024);
        ByteBuffer large = buffers.take(8192);
        assertTrue(small.isDirect() && large.isDirect());
        assertNotSame(small, large);
        buffers.release(large);
        buffers.release(small);
        assertSame(small, buffers.take(512), "best fit: the seed does not take the input's buffer");
        assertSame(large, buffers.take(4096));
        ByteBuffer fresh = buffers.take(4096);
        assertNotSame(large, fresh, "in use: not handed out twice");
        assertTrue(fresh.capacity() >= 4096);
    }

    @Test
    void buffersWithEqualContentsAreStillTwoBuffers() {
        // ByteBuffer.equals compares the remaining contents: a 128-byte buffer last used for 64 bytes
        // (limit 64) "equals" a fresh 64-byte one, both zero
        InputBuffers buffers = new InputBuffers();
        ByteBuffer large = buffers.take(128);
        ByteBuffer small = buffers.take(64);
        large.limit(64);
        buffers.release(small);
        buffers.release(large);
        assertSame(large, buffers.take(100));
        assertSame(small, buffers.take(64), "the pool lost the other buffer instead");
    }

    @Test
    void keepsTheLargestWhenFull() {
        // after a method with small inputs, a method with larger ones must get its buffers kept
        InputBuffers buffers = new InputBuffers();
        ByteBuffer[] small = {buffers.take(100), buffers.take(100), buffers.take(100), buffers.take(100)};
        ByteBuffer big = buffers.take(10_000);
        for (ByteBuffer s : small) {
            buffers.release(s);
        }
        buffers.release(big);
        assertSame(big, buffers.take(10_000), "the large one was kept, a small one dropped");
        int kept = 0;
        for (int i = 0; i < 4; i++) {
            ByteBuffer t = buffers.take(100);
            for (ByteBuffer s : small) {
                kept += t == s ? 1 : 0;
            }
        }
        assertTrue(kept == 3, "three of the four small ones remain, got " + kept);
    }
}
