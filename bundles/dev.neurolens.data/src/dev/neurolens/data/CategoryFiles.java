package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.internal.CsvTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code category.csv} ({@code name,first,last,count,frequency}; only {@code name} is
 * required) and each category's dense coding {@code c_<name>.csv}
 * ({@code code,number,name,frequency,coverage}; {@code code} and {@code number} required).
 */
final class CategoryFiles {
    private CategoryFiles() {
    }

    /** The categories in {@code category.csv} order. */
    static List<Category> read(Path directory, TreeMap<Integer, Label> labels) {
        CsvTable t = CsvTable.read(directory.resolve("category.csv"));
        int name = t.requireColumn("name");
        int frequency = t.column("frequency");
        Set<String> names = new LinkedHashSet<>();
        List<Category> categories = new ArrayList<>();
        int labelCount = labels.lastKey() + 1;
        for (CsvTable.Row row : t.rows()) {
            String n = row.get(name).strip();
            if (n.isEmpty() || !names.add(n)) {
                throw new NeuroLensException(row.where() + ": " + (n.isEmpty() ? "empty category name"
                        : "category '" + n + "' appears twice"));
            }
            Path coding = directory.resolve("c_" + n + ".csv");
            if (!Files.exists(coding)) {
                throw new NeuroLensException("missing file " + coding + " (the dense coding of category '" + n
                        + "', listed at " + row.where() + ")");
            }
            categories.add(coding(coding, n, (long) row.doubleOr(frequency, 0), labels,
                    labelCount));
        }
        if (categories.isEmpty()) {
            throw new NeuroLensException(t.file() + ": no categories");
        }
        return List.copyOf(categories);
    }

    private static Category coding(Path file, String category, long frequency, TreeMap<Integer, Label> labels,
            int labelCount) {
        CsvTable t = CsvTable.read(file);
        int code = t.requireColumn("code");
        int number = t.requireColumn("number");
        int freq = t.column("frequency");
        int coverage = t.column("coverage");
        TreeMap<Integer, CsvTable.Row> byCode = new TreeMap<>();
        Map<Integer, Integer> codeOfNumber = new HashMap<>();
        for (CsvTable.Row row : t.rows()) {
            int c = row.nonNegativeInt(code);
            int n = row.nonNegativeInt(number);
            if (c == 0 || n == 0) {
                if (c == 0 && n == 0) {
                    continue; // an explicit "0 means no label" row
                }
                throw new NeuroLensException(row.where() + ": code 0 and label number 0 mean 'no label' and go "
                        + "together (got code " + c + ", number " + n + ")");
            }
            if (!labels.containsKey(n)) {
                throw new NeuroLensException(row.where() + ": unknown label number " + n + " (label.csv has no such"
                        + " label)");
            }
            if (byCode.put(c, row) != null) {
                throw new NeuroLensException(row.where() + ": code " + c + " appears twice");
            }
            if (codeOfNumber.put(n, c) != null) {
                throw new NeuroLensException(row.where() + ": label number " + n + " has two codes");
            }
        }
        int size = byCode.isEmpty() ? 0 : byCode.lastKey();
        int[] numberOfCode = new int[size + 1];
        Label[] byCodeLabels = new Label[size + 1];
        int[] frequencies = new int[size + 1];
        double[] coverages = new double[size + 1];
        for (Map.Entry<Integer, CsvTable.Row> e : byCode.entrySet()) {
            int c = e.getKey();
            CsvTable.Row row = e.getValue();
            numberOfCode[c] = row.nonNegativeInt(number);
            byCodeLabels[c] = labels.get(numberOfCode[c]);
            frequencies[c] = (int) row.doubleOr(freq, 0);
            coverages[c] = row.doubleOr(coverage, 0);
        }
        return new Category(category, frequency, numberOfCode, byCodeLabels, frequencies, coverages, labelCount);
    }
}
