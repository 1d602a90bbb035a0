package dev.neurolens.dissect.compose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best formula for a unit by beam search (Mu and Andreas 2020, Sec. 3; their
 * {@code compute_best_iou}): the beam starts with the {@code beam} concepts of highest IoU; each
 * step extends every formula in the beam with {@code OR c}, {@code AND c} and {@code AND NOT c}
 * for every concept {@code c}, adds the results to the candidates and keeps the {@code beam} best
 * by score, up to {@code maxLength} concepts.
 *
 * <p>IoU is over all pixels of the dataset, {@code |M ∩ F| / (|M| + |F| − |M ∩ F| + 1e-10)}, as
 * in their code — without Network Dissection's per-category restriction of the union, so a
 * single-concept formula's IoU may differ from the dissection IoU of that concept. Formulas are
 * evaluated on signature bit sets ({@link SignatureTable}): a formula's set of signatures is a
 * few word-wise ANDs/ORs, its pixel count a weighted count of set bits.
 */
public final class BeamSearch {
    private static final double EPSILON = 1e-10;

    private final SignatureTable table;
    private final CompositionSettings settings;
    private final long[][] conceptBits;
    private final long[] conceptPixels;
    private final int concepts;

    /**
     * A search over {@code concepts} concepts (ids {@code 0..concepts-1}) on the signatures of a
     * dataset.
     */
    public BeamSearch(SignatureTable table, int concepts, CompositionSettings settings) {
        this.table = table;
        this.settings = settings;
        this.concepts = concepts;
        this.conceptBits = table.conceptBits(concepts);
        this.conceptPixels = new long[concepts];
        for (int c = 0; c < concepts; c++) {
            conceptPixels[c] = pixels(conceptBits[c]);
        }
    }

    /** A formula's signatures, their pixels over the dataset. */
    private record Evaluated(Formula formula, long[] bits, long pixels, double iou, double score) {
    }

    /** The best formula for a unit, or {@code null} if no concept overlaps its masks. */
    public ScoredFormula best(UnitSignatures unit) {
        List<Evaluated> singles = new ArrayList<>();
        for (int c = 0; c < concepts; c++) {
            Evaluated e = evaluate(Formula.of(c), conceptBits[c], conceptPixels[c], unit);
            if (e.iou > 0) {
                singles.add(e);
            }
        }
        if (singles.isEmpty()) {
            return null;
        }
        Map<Formula, Evaluated> beam = top(singles);
        for (int step = 1; step < settings.maxLength(); step++) {
            Map<Formula, Evaluated> candidates = new LinkedHashMap<>(beam);
            for (Evaluated f : beam.values()) {
                extend(f, unit, candidates);
            }
            beam = top(new ArrayList<>(candidates.values()));
        }
        Evaluated best = beam.values().iterator().next();
        return new ScoredFormula(best.formula, best.iou, best.score);
    }

    private void extend(Evaluated f, UnitSignatures unit, Map<Formula, Evaluated> out) {
        int words = f.bits.length;
        for (int c = 0; c < concepts; c++) {
            long[] cb = conceptBits[c];
            long[] and = new long[words];
            for (int w = 0; w < words; w++) {
                and[w] = f.bits[w] & cb[w];
            }
            long both = pixels(and);
            long[] or = new long[words];
            long[] andNot = new long[words];
            for (int w = 0; w < words; w++) {
                or[w] = f.bits[w] | cb[w];
                andNot[w] = f.bits[w] & ~cb[w];
            }
            put(out, evaluate(f.formula.then(Formula.Op.OR, c), or, f.pixels + conceptPixels[c] - both, unit));
            put(out, evaluate(f.formula.then(Formula.Op.AND, c), and, both, unit));
            put(out, evaluate(f.formula.then(Formula.Op.AND_NOT, c), andNot, f.pixels - both, unit));
        }
    }

    private static void put(Map<Formula, Evaluated> out, Evaluated e) {
        out.putIfAbsent(e.formula, e);
    }

    private Evaluated evaluate(Formula formula, long[] bits, long pixels, UnitSignatures unit) {
        long inter = 0;
        for (int i = 0; i < unit.size(); i++) {
            int s = unit.id(i);
            if ((bits[s >>> 6] & (1L << s)) != 0) {
                inter += unit.count(i);
            }
        }
        double iou = inter / (unit.total() + pixels - inter + EPSILON);
        double score = Math.pow(settings.complexityPenalty(), formula.length() - 1) * iou;
        return new Evaluated(formula, bits, pixels, iou, score);
    }

    /** The {@code beam} best by score (ties: shorter first, then the order found). */
    private Map<Formula, Evaluated> top(List<Evaluated> all) {
        List<Evaluated> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble((Evaluated e) -> -e.score)
                .thenComparingInt(e -> e.formula.length()));
        Map<Formula, Evaluated> out = new LinkedHashMap<>();
        for (Evaluated e : sorted.subList(0, Math.min(settings.beam(), sorted.size()))) {
            out.put(e.formula, e);
        }
        return out;
    }

    /** The IoU of any formula for a unit (e.g. to check the search against brute force). */
    public double iou(Formula formula, UnitSignatures unit) {
        long[] bits = conceptBits[formula.first()].clone();
        for (Formula.Term t : formula.terms()) {
            long[] cb = conceptBits[t.concept()];
            for (int w = 0; w < bits.length; w++) {
                bits[w] = switch (t.op()) {
                    case AND -> bits[w] & cb[w];
                    case OR -> bits[w] | cb[w];
                    case AND_NOT -> bits[w] & ~cb[w];
                };
            }
        }
        return evaluate(formula, bits, pixels(bits), unit).iou;
    }

    /** The pixels of the signatures in {@code bits}. */
    private long pixels(long[] bits) {
        long sum = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int b = Long.numberOfTrailingZeros(word);
                sum += table.count((w << 6) + b);
                word &= word - 1;
            }
        }
        return sum;
    }
}
