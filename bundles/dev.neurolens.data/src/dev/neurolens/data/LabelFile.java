package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.internal.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code label.csv}: {@code number,name,category,frequency,coverage,syns}. Only
 * {@code number} and {@code name} are required; the statistics are informative.
 */
final class LabelFile {
    /** "color(289)" as NetDissect writes it; a bare "color" is accepted too. */
    private static final Pattern CATEGORY = Pattern.compile("^([^()]+?)\\s*(?:\\((\\d+)\\))?$");

    private LabelFile() {
    }

    /** The labels by number, ascending. */
    static TreeMap<Integer, Label> read(Path file) {
        CsvTable t = CsvTable.read(file);
        int number = t.requireColumn("number");
        int name = t.requireColumn("name");
        int category = t.column("category");
        int frequency = t.column("frequency");
        int coverage = t.column("coverage");
        int syns = t.column("syns");
        TreeMap<Integer, Label> labels = new TreeMap<>();
        for (CsvTable.Row row : t.rows()) {
            int n = row.nonNegativeInt(number);
            if (n == 0) {
                continue; // NetDissect reserves 0 for "no label" ('-'); a row for it carries nothing
            }
            Map<String, Integer> cats = category < 0 ? Map.of() : categories(row, category);
            List<String> synonyms = new ArrayList<>();
            if (syns >= 0) {
                for (String s : row.get(syns).split(";")) {
                    if (!s.isBlank()) {
                        synonyms.add(s.strip());
                    }
                }
            }
            int freq = (int) row.doubleOr(frequency, 0);
            Label label = new Label(n, row.get(name).strip(), cats, freq, row.doubleOr(coverage, 0), synonyms);
            if (labels.put(n, label) != null) {
                throw new NeuroLensException(row.where() + ": label number " + n + " appears twice");
            }
        }
        if (labels.isEmpty()) {
            throw new NeuroLensException(file + ": no labels");
        }
        return labels;
    }

    private static Map<String, Integer> categories(CsvTable.Row row, int column) {
        Map<String, Integer> cats = new LinkedHashMap<>();
        for (String part : row.get(column).split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = CATEGORY.matcher(part.strip());
            if (!m.matches()) {
                throw new NeuroLensException(row.where() + ": cannot read category '" + part
                        + "' (expected NAME(COUNT), e.g. color(12))");
            }
            cats.put(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
        }
        return cats;
    }
}
