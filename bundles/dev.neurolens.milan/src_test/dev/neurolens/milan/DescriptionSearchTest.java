package dev.neurolens.milan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --find}: whole words, any case, singular or plural, best PMI first. */
class DescriptionSearchTest {

    private static UnitDescription unit(int channel, String text, double pmi) {
        BitSet m = new BitSet();
        m.set(0);
        ExemplarSet set = new ExemplarSet(new Unit("conv", channel), 0, List.of(new Exemplar(0, 1, 2, 2, m)));
        return new UnitDescription(set, List.of(new ScoredDescription(text, pmi, 0, 0)), new double[] {1});
    }

    @Test
    void findsWholeWordsUpToPlural() {
        List<UnitDescription> all = List.of(unit(0, "red circles", 0.5), unit(1, "edges of circles", 0.9),
                unit(2, "circular", 1.0), unit(3, "crosses and squares", 0.2), unit(4, "Red", 0.1));
        assertEquals(List.of(1, 0), DescriptionSearch.find(all, "circle").stream().map(d -> d.unit().channel()).toList());
        assertEquals(List.of(1, 0), DescriptionSearch.find(all, "Circles").stream().map(d -> d.unit().channel()).toList());
        assertEquals(List.of(3), DescriptionSearch.find(all, "cross").stream().map(d -> d.unit().channel()).toList());
        assertEquals(List.of(0, 4), DescriptionSearch.find(all, "RED").stream().map(d -> d.unit().channel()).toList());
        assertTrue(DescriptionSearch.find(all, "circ").isEmpty());
        assertFalse(DescriptionSearch.find(all, "of").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> DescriptionSearch.find(all, "  "));
    }
}
