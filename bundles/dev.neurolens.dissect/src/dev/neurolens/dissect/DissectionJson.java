package dev.neurolens.dissect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A dissection as the maps and lists that {@code dev.neurolens.core.io.Json} writes, and as CSV
 * rows: the {@code dissection.json} / {@code dissection.csv} formats of {@code docs/dissection.md}.
 */
public final class DissectionJson {
    private DissectionJson() {
    }

    /**
     * {@code {"layer", "units": [...], "summary": {...}, ...}}.
     *
     * @param d the dissection
     * @param extra top-level entries to add first (model, dataset, ...)
     * @param picture the picture file of exemplar {@code i} of a unit, or {@code null} for none
     */
    public static Map<String, Object> of(Dissection d, Map<String, Object> extra,
            BiFunction<Integer, Integer, String> picture) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put("layer", d.layer());
        m.put("layer_shape", List.of(d.units().size(), d.mapHeight(), d.mapWidth()));
        m.put("images", d.images());
        DissectionSettings s = d.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quantile", s.quantile());
        settings.put("iou_threshold", s.iouThreshold());
        settings.put("categories", d.tally().space().categories());
        settings.put("union", s.union().name().toLowerCase(java.util.Locale.ROOT));
        settings.put("thresholds_exact", d.thresholds().exact());
        settings.put("threshold_relative_error", d.thresholds().relativeError());
        if (s.composition() != null) {
            settings.put("max_length", s.composition().maxLength());
            settings.put("beam", s.composition().beam());
            settings.put("complexity_penalty", s.composition().complexityPenalty());
        }
        settings.put("top", s.top());
        settings.put("minimize", s.minimize());
        m.put("settings", settings);
        if (d.field() != null) {
            ReceptiveField f = d.field();
            m.put("receptive_field", Map.of("size", List.of(f.sizeY(), f.sizeX()), "jump", List.of(f.jumpY(), f.jumpX()),
                    "start", List.of(f.startY(), f.startX())));
        }
        List<Object> units = new ArrayList<>();
        for (UnitDissection u : d.units()) {
            units.add(unit(d, u, picture));
        }
        m.put("units", units);
        m.put("summary", summary(d.summary()));
        m.put("timings", new LinkedHashMap<>(d.timings()));
        return m;
    }

    private static Map<String, Object> unit(Dissection d, UnitDissection u,
            BiFunction<Integer, Integer, String> picture) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", u.unit());
        m.put("label", u.best().label());
        m.put("category", u.best().category());
        m.put("iou", u.best().iou());
        m.put("threshold", u.threshold());
        m.put("detector", u.detector());
        m.put("active_pixels", u.activePixels());
        if (u.formula() != null) {
            m.put("formula", u.formula().formula().text(d.tally().space()::name));
            m.put("formula_iou", u.formula().iou());
            m.put("formula_length", u.formula().formula().length());
        } else if (d.settings().composition() != null) {
            m.put("formula", null);
            m.put("formula_iou", 0.0);
        }
        Map<String, Object> byCategory = new LinkedHashMap<>();
        u.bestByCategory().forEach((c, score) -> byCategory.put(c, Map.of("label", score.label(), "iou", score.iou())));
        m.put("best_by_category", byCategory);
        if (u.exemplars() != null) {
            m.put("exemplars", exemplars(u.exemplars(), picture));
        }
        return m;
    }

    /** The exemplars of one unit as JSON objects. */
    public static List<Object> exemplars(ExemplarSet set, BiFunction<Integer, Integer, String> picture) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < set.exemplars().size(); i++) {
            Exemplar e = set.exemplars().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", e.image());
            m.put("name", e.name());
            m.put(set.minimized() ? "min_activation" : "max_activation", e.score());
            m.put("peak", List.of(e.peakRow(), e.peakColumn()));
            Region r = e.field();
            m.put("field", List.of(r.top(), r.left(), r.bottom(), r.right()));
            m.put("mask_pixels", e.mask().cardinality());
            String p = picture == null ? null : picture.apply(set.unit(), i);
            if (p != null) {
                m.put("picture", p);
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> summary(DissectionSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", s.units());
        m.put("detectors", s.detectors());
        m.put("unique_detectors", new LinkedHashMap<>(s.uniqueDetectors()));
        m.put("detector_units", new LinkedHashMap<>(s.detectorUnits()));
        return m;
    }

    /**
     * The CSV file: a header and one row per unit — {@code unit,label,category,iou,threshold,
     * detector,active_pixels,formula,formula_iou}, then {@code <category>_label,<category>_iou} per
     * category. Fields are quoted where they hold commas or quotes.
     */
    public static String csv(Dissection d) {
        List<String> cats = d.tally().space().categories();
        StringBuilder sb = new StringBuilder("unit,label,category,iou,threshold,detector,active_pixels,formula,formula_iou");
        for (String c : cats) {
            sb.append(',').append(field(c + "_label")).append(',').append(field(c + "_iou"));
        }
        sb.append('\n');
        for (UnitDissection u : d.units()) {
            sb.append(u.unit()).append(',').append(field(u.best().label())).append(',').append(field(u.best().category()))
                    .append(',').append(u.best().iou()).append(',').append(u.threshold()).append(',')
                    .append(u.detector()).append(',').append(u.activePixels()).append(',')
                    .append(u.formula() == null ? "" : field(u.formula().formula().text(d.tally().space()::name)))
                    .append(',').append(u.formula() == null ? "" : Double.toString(u.formula().iou()));
            for (String c : cats) {
                ConceptScore s = u.bestByCategory().get(c);
                sb.append(',').append(s == null ? "" : field(s.label())).append(',')
                        .append(s == null ? "" : Double.toString(s.iou()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
