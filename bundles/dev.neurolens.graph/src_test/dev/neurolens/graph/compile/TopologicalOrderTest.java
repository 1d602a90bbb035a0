package dev.neurolens.graph.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.graph.onnx.OnnxProtos.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologicalOrderTest {

    private static NodeProto node(String name, List<String> inputs, String... outputs) {
        return NodeProto.newBuilder().setName(name).setOpType("Op").addAllInput(inputs).addAllOutput(List.of(outputs))
                .build();
    }

    /** A diamond with a shared weight and an optional (empty) input: x→a, x→b, (a,b)→c, c→d. */
    private static List<NodeProto> diamond() {
        return List.of(node("a", List.of("x", "w"), "ta"), node("b", List.of("x", ""), "tb"),
                node("c", List.of("ta", "tb"), "tc"), node("d", List.of("tc", "w"), "td"));
    }

    private static void assertTopological(List<NodeProto> sorted) {
        Set<String> available = new HashSet<>(List.of("x", "w", ""));
        for (NodeProto n : sorted) {
            for (String in : n.getInputList()) {
                assertTrue(available.contains(in), n.getName() + " before the producer of " + in);
            }
            available.addAll(n.getOutputList());
        }
    }

    @Test
    void aSortedListComesBackUnchanged() {
        assertEquals(diamond(), TopologicalOrder.sort(diamond()));
    }

    @Test
    void everyShuffleIsSortedAndKeepsEveryNode() {
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            List<NodeProto> shuffled = new ArrayList<>(diamond());
            Collections.shuffle(shuffled, random);
            List<NodeProto> sorted = TopologicalOrder.sort(shuffled);
            assertEquals(Set.copyOf(diamond()), Set.copyOf(sorted));
            assertEquals(4, sorted.size());
            assertTopological(sorted);
        }
    }

    @Test
    void aNodeAppendedBeforeItsProducerMovesBehindIt() {
        // the compiler's layout barriers: a forward Add reads a barrier emitted at the end of the list
        List<NodeProto> nodes = List.of(node("add", List.of("x", "barrier_out"), "y"),
                node("relu", List.of("y"), "r"), node("barrier", List.of("x"), "barrier_out"));
        List<NodeProto> sorted = TopologicalOrder.sort(nodes);
        assertEquals(List.of("barrier", "add", "relu"), sorted.stream().map(NodeProto::getName).toList());
    }

    @Test
    void aCycleIsRefused() {
        List<NodeProto> nodes = List.of(node("a", List.of("tb"), "ta"), node("b", List.of("ta"), "tb"));
        assertThrows(IllegalArgumentException.class, () -> TopologicalOrder.sort(nodes));
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        List<NodeProto> chain = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            chain.add(node("n" + i, List.of(i == 0 ? "x" : "t" + (i - 1)), "t" + i));
        }
        Collections.reverse(chain);
        List<NodeProto> sorted = TopologicalOrder.sort(chain);
        assertEquals("n0", sorted.get(0).getName());
        assertEquals("n99999", sorted.get(99_999).getName());
    }
}
