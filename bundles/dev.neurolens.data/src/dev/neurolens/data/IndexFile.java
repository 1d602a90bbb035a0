package dev.neurolens.data;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.data.internal.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code index.csv}: {@code image,split,ih,iw,sh,sw} and one column per category. A
 * category cell holds {@code ;}-separated entries: a whole number is a whole-image label, anything
 * else a mask file relative to {@code images/}. {@code split} may be missing (then empty); every
 * category of {@code category.csv} must have a column, and every other column must be a category.
 */
final class IndexFile {
    private static final Set<String> META = Set.of("image", "split", "ih", "iw", "sh", "sw");

    private IndexFile() {
    }

    static List<IndexEntry> read(Path file, List<Category> categories) {
        CsvTable t = CsvTable.read(file);
        int image = t.requireColumn("image");
        int split = t.column("split");
        int ih = t.requireColumn("ih");
        int iw = t.requireColumn("iw");
        int sh = t.requireColumn("sh");
        int sw = t.requireColumn("sw");
        Map<Category, Integer> columns = new LinkedHashMap<>();
        for (Category c : categories) {
            columns.put(c, t.requireColumn(c.name()));
        }
        for (String h : t.header()) {
            if (!META.contains(h) && categories.stream().noneMatch(c -> c.name().equals(h))) {
                throw new NeuroLensException(file + " line 1 (header): column '" + h
                        + "' is not a category listed in category.csv");
            }
        }
        List<IndexEntry> entries = new ArrayList<>(t.rows().size());
        for (CsvTable.Row row : t.rows()) {
            String name = row.get(image).strip();
            if (name.isEmpty()) {
                throw new NeuroLensException(row.where() + ": column 'image' is empty");
            }
            int maskH = row.nonNegativeInt(sh);
            int maskW = row.nonNegativeInt(sw);
            Map<String, IndexEntry.Cell> cells = new LinkedHashMap<>();
            for (Map.Entry<Category, Integer> e : columns.entrySet()) {
                IndexEntry.Cell cell = cell(row, e.getKey(), row.get(e.getValue()));
                if (!cell.maskFiles().isEmpty() && (maskH == 0 || maskW == 0)) {
                    throw new NeuroLensException(row.where() + ": masks need sh and sw > 0, got " + maskH + " and "
                            + maskW);
                }
                cells.put(e.getKey().name(), cell);
            }
            entries.add(new IndexEntry(entries.size(), row.line(), name, split < 0 ? "" : row.get(split).strip(),
                    row.nonNegativeInt(ih), row.nonNegativeInt(iw), maskH, maskW, cells));
        }
        return List.copyOf(entries);
    }

    private static IndexEntry.Cell cell(CsvTable.Row row, Category category, String text) {
        if (text.isBlank()) {
            return IndexEntry.Cell.EMPTY;
        }
        List<String> masks = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (isNumber(p)) {
                int n;
                try {
                    n = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (!category.contains(n)) {
                    throw new NeuroLensException(row.where() + ", column '" + category.name() + "': unknown label " + p
                            + " (c_" + category.name() + ".csv does not list it)");
                }
                labels.add(n);
            } else {
                masks.add(p);
            }
        }
        return new IndexEntry.Cell(masks, labels);
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
