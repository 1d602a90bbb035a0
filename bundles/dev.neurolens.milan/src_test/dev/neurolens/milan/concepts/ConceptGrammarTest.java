package dev.neurolens.milan.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.data.BrodenDataset;
import dev.neurolens.data.synth.GeneratorConfig;
import dev.neurolens.milan.Scenes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grammar's words, phrases, regions and parsing, against hand-computed answers. */
class ConceptGrammarTest {
    @TempDir
    static Path dir;
    static BrodenDataset ds;
    static ConceptVocabulary vocabulary;

    @BeforeAll
    static void generate() {
        ds = Scenes.generate(GeneratorConfig.builder().seed(5).count(40).size(32, 32).threads(1).build(),
                dir.resolve("scenes"));
        vocabulary = ConceptVocabulary.of(ds);
    }

    @Test
    void wordsFollowBrodenNamesAndEnglishPlurals() {
        assertEquals("red", concept("red-c").word());
        assertEquals(Concept.Kind.COLOR, concept("red-c").kind());
        assertEquals("circles", concept("circle").word());
        assertEquals("crosses", concept("cross").word());
        assertEquals("striped texture", concept("striped").alone());
        assertEquals("plain background", concept("plain background").alone());
        assertEquals(Concept.Kind.SCENE, concept("plain background").kind());
        assertEquals("skies", Concept.plural("sky"));
        assertEquals("glasses", Concept.plural("glass"));
        assertEquals("boys", Concept.plural("boy"));
        assertEquals("kitchen", Concept.of(9, "kitchen-s", Concept.Kind.SCENE).word());
    }

    @Test
    void everyProposedPhraseParsesBackToItself() {
        List<ImageConcepts> images = new ArrayList<>();
        List<long[]> masks = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            ImageConcepts img = ImageConcepts.of(ds.read(i, vocabulary.categories()), vocabulary);
            images.add(img);
            masks.add(img.objects()); // a unit firing on every object: nouns, colours, textures are present
        }
        ConceptGrammar g = new ConceptGrammar(vocabulary);
        List<Phrase> phrases = g.propose(images, masks);
        Set<Class<?>> kinds = new java.util.HashSet<>();
        for (Phrase p : phrases) {
            assertEquals(p, g.parse(p.text()).orElseThrow(() -> new AssertionError("cannot parse " + p.text())));
            kinds.add(p.getClass());
        }
        assertEquals(6, kinds.size(), "every template is proposed: " + kinds);
        assertTrue(g.parse("purple unicorns").isEmpty());
        assertTrue(g.parse("squares and circles").isEmpty(), "pairs are written in label order");
        assertEquals(new Phrase.ObjectsOn(concept("white-c"), concept("grey-c")),
                g.parse("white objects on grey").orElseThrow());
    }

    @Test
    void regionsAreTheConceptPixels() {
        int red = concept("red-c").number();
        int circle = concept("circle").number();
        for (int i = 0; i < ds.size(); i++) {
            var labels = ds.read(i, vocabulary.categories());
            ImageConcepts img = ImageConcepts.of(labels, vocabulary);
            BitSet r = Scenes.pixels(labels, "color", red);
            BitSet c = Scenes.pixels(labels, "object", circle);
            BitSet both = (BitSet) r.clone();
            both.and(c);
            assertEquals(both, BitSet.valueOf(new Phrase.Modified(concept("red-c"), concept("circle")).region(img)));
            BitSet objects = new BitSet();
            int[] m = labels.category("object").masks().isEmpty() ? new int[32 * 32] : labels.category("object").mask(0);
            for (int p = 0; p < m.length; p++) {
                if (m[p] != 0) {
                    objects.set(p);
                }
            }
            BitSet background = (BitSet) r.clone();
            background.andNot(objects);
            assertEquals(background, BitSet.valueOf(new Phrase.Background(concept("red-c")).region(img)));
            int scene = labels.category("scene").imageLabels()[0];
            assertEquals(32 * 32, Bits.count(img.region(scene)), "a whole-image label covers every pixel");
        }
    }

    @Test
    void boundaryIsTheMorphologicalGradient() {
        // a 4x4 square at (2..5, 2..5) of an 8x8 image; radius 1: the ring of pixels at Chebyshev
        // distance 1 on either side of its border, i.e. rows/cols 1..6 minus the inner 2x2 (3..4)
        long[] sq = Bits.empty(64);
        for (int y = 2; y <= 5; y++) {
            for (int x = 2; x <= 5; x++) {
                Bits.set(sq, y * 8 + x);
            }
        }
        long[] band = Bits.boundary(sq, 8, 8, 1);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean outer = x >= 1 && x <= 6 && y >= 1 && y <= 6;
                boolean inner = x >= 3 && x <= 4 && y >= 3 && y <= 4;
                assertEquals(outer && !inner, Bits.get(band, y * 8 + x), "pixel " + x + "," + y);
            }
        }
        // the frame is no edge: a region filling the image has no boundary
        assertTrue(Bits.isEmpty(Bits.boundary(Bits.full(64), 8, 8, 1)));
        assertFalse(Bits.isEmpty(Bits.boundary(sq, 8, 8, 2)));
    }

    @Test
    void iouAndCounts() {
        long[] a = Bits.empty(100);
        long[] b = Bits.empty(100);
        for (int i = 0; i < 30; i++) {
            Bits.set(a, i);
        }
        for (int i = 20; i < 70; i++) {
            Bits.set(b, i);
        }
        assertEquals(10.0 / 70.0, Bits.iou(a, b), 1e-15);
        assertEquals(0, Bits.iou(Bits.empty(100), Bits.empty(100)));
        assertEquals(100, Bits.count(Bits.full(100)));
        assertEquals(2, Bits.full(100).length);
    }

    private static Concept concept(String name) {
        return vocabulary.concept(Scenes.label(ds, name)).orElseThrow();
    }
}
