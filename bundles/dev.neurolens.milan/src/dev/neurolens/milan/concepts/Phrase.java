package dev.neurolens.milan.concepts;

/**
 * A phrase of the concept grammar and the pixels of an image it names. Templates (docs/milan.md):
 *
 * <pre>
 *   red | circles | striped texture | wood | kitchen     Atom        R(c)
 *   red circles | striped circles                        Modified    R(a) & R(n)
 *   circles and squares                                  Either      R(a) | R(b)
 *   edges of circles                                     Edges       band of width 2r around R(n)'s border
 *   grey background                                      Background  R(c) & ~Obj
 *   white objects on grey                                ObjectsOn   R(f) & Obj, if R(b) covers half of ~Obj
 * </pre>
 */
sealed interface Phrase {

    /** The phrase as text. */
    String text();

    /** The pixels of an image the phrase is true of (maybe empty); a new array. */
    long[] region(ImageConcepts img);

    /** A concept alone: {@code red}, {@code circles}, {@code striped texture}, {@code kitchen}. */
    record Atom(Concept concept) implements Phrase {
        @Override
        public String text() {
            return concept.alone();
        }

        @Override
        public long[] region(ImageConcepts img) {
            return img.region(concept.number()).clone();
        }
    }

    /** A colour or texture adjective on a noun: {@code red circles}, {@code striped squares}. */
    record Modified(Concept adjective, Concept noun) implements Phrase {
        @Override
        public String text() {
            return adjective.word() + " " + noun.word();
        }

        @Override
        public long[] region(ImageConcepts img) {
            return Bits.and(img.region(adjective.number()), img.region(noun.number()));
        }
    }

    /** Two nouns, either of them: {@code circles and squares} (first by label number). */
    record Either(Concept first, Concept second) implements Phrase {
        @Override
        public String text() {
            return first.word() + " and " + second.word();
        }

        @Override
        public long[] region(ImageConcepts img) {
            return Bits.or(img.region(first.number()), img.region(second.number()));
        }
    }

    /**
     * The border of a noun's regions: {@code edges of circles}, the pixels within {@code r} of
     * the border on either side, {@code r = max(1, round(min(sw, sh) / 32))}.
     */
    record Edges(Concept noun) implements Phrase {
        @Override
        public String text() {
            return "edges of " + noun.word();
        }

        @Override
        public long[] region(ImageConcepts img) {
            return img.edges(noun.number()).clone();
        }
    }

    /** A colour where there is no object: {@code grey background}. */
    record Background(Concept color) implements Phrase {
        @Override
        public String text() {
            return color.word() + " background";
        }

        @Override
        public long[] region(ImageConcepts img) {
            return Bits.andNot(img.region(color.number()), img.objects());
        }
    }

    /**
     * Objects of one colour in images whose background is mostly another:
     * {@code white objects on grey} is true of the white object pixels of images where grey
     * covers at least half of the pixels without an object.
     */
    record ObjectsOn(Concept figure, Concept ground) implements Phrase {
        @Override
        public String text() {
            return figure.word() + " objects on " + ground.word();
        }

        @Override
        public long[] region(ImageConcepts img) {
            if (!groundIs(img, ground)) {
                return Bits.empty(img.pixels());
            }
            return Bits.and(img.region(figure.number()), img.objects());
        }

        /** Whether {@code color} covers at least half of the image's non-object pixels. */
        static boolean groundIs(ImageConcepts img, Concept color) {
            int background = img.pixels() - Bits.count(img.objects());
            if (background == 0 || !img.has(color.number())) {
                return false;
            }
            int colored = Bits.count(Bits.andNot(img.region(color.number()), img.objects()));
            return 2 * colored >= background;
        }
    }
}
