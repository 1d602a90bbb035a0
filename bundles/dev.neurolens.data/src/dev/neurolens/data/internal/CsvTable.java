package dev.neurolens.data.internal;

import dev.neurolens.core.NeuroLensException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file with a header line, parsed as Python's {@code csv} module writes it: comma-separated,
 * fields with commas, quotes or line breaks in double quotes, {@code ""} for a quote inside one,
 * lines ending in LF or CRLF (Python's default). Blank lines are skipped, as
 * {@code csv.DictReader} skips them; a UTF-8 byte-order mark is ignored.
 *
 * <p>Every error names the file and the line, so that a user can open the file at the fault.
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    /** One data row: its fields and where it starts in the file. */
    public final class Row {
        private final int line;
        private final int number;
        private final String[] fields;

        private Row(int line, int number, String[] fields) {
            this.line = line;
            this.number = number;
            this.fields = fields;
        }

        /** The 1-based line of the file on which the row starts (the header is line 1). */
        public int line() {
            return line;
        }

        /** The 1-based number of the row among the data rows (the header is not counted). */
        public int number() {
            return number;
        }

        /** The field in column {@code column} (from {@link #column} or {@link #requireColumn}). */
        public String get(int column) {
            return fields[column];
        }

        /** "FILE line L (row R)": where the row is, for messages. */
        public String where() {
            return file + " line " + line + " (row " + number + ")";
        }

        /**
         * The field as a non-negative integer.
         *
         * @throws NeuroLensException naming the file, row and column if it is not one
         */
        public int nonNegativeInt(int column) {
            String text = fields[column].strip();
            try {
                int v = Integer.parseInt(text);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the context
            }
            throw new NeuroLensException(where() + ": column '" + header.get(column)
                    + "' should be a whole number >= 0, not '" + text + "'");
        }

        /** The field as a number, or {@code fallback} if it is empty or not a number. */
        public double doubleOr(int column, double fallback) {
            if (column < 0) {
                return fallback;
            }
            try {
                return Double.parseDouble(fields[column].strip());
            } catch (NumberFormatException e) {
                return fallback; // statistics columns are informative only
            }
        }
    }

    private CsvTable(Path file, List<String> header, List<String[]> records, List<Integer> lines) {
        this.file = file;
        this.header = List.copyOf(header);
        List<Row> list = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            list.add(new Row(lines.get(i), i + 1, records.get(i)));
        }
        this.rows = List.copyOf(list);
    }

    /**
     * Reads and parses a CSV file.
     *
     * @throws NeuroLensException naming the file (and line) if it is missing, not UTF-8, has no
     *     header, an unterminated quote, or a row whose field count differs from the header's
     */
    public static CsvTable read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new NeuroLensException("missing file " + file);
        } catch (CharacterCodingException e) {
            throw new NeuroLensException("cannot read " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new NeuroLensException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses CSV text; {@code file} only names it in messages. */
    public static CsvTable parse(Path file, String text) {
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        new Parser(file, text).parse(records, lines);
        if (records.isEmpty()) {
            throw new NeuroLensException(file + ": the file is empty (expected a header line)");
        }
        String[] header = records.remove(0);
        lines.remove(0);
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].strip();
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).length != header.length) {
                throw new NeuroLensException(file + " line " + lines.get(i) + " (row " + (i + 1) + "): "
                        + records.get(i).length + " fields, but the header has " + header.length + " columns");
            }
        }
        return new CsvTable(file, List.of(header), records, lines);
    }

    /** The file this table was read from. */
    public Path file() {
        return file;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    /** The data rows, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** The index of a column, or -1 if the header lacks it. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /**
     * The index of a column that must be there.
     *
     * @throws NeuroLensException naming the file, its header line and the columns it has
     */
    public int requireColumn(String name) {
        int c = column(name);
        if (c < 0) {
            throw new NeuroLensException(file + " line 1 (header): missing column '" + name + "' (it has "
                    + String.join(",", header) + ")");
        }
        return c;
    }

    /** A one-pass state machine over the text; tracks physical lines for messages. */
    private static final class Parser {
        private final Path file;
        private final String text;
        private int pos;
        private int line = 1;

        Parser(Path file, String text) {
            this.file = file;
            this.text = text;
            if (text.startsWith("\uFEFF")) {
                pos = 1;
            }
        }

        void parse(List<String[]> records, List<Integer> lines) {
            while (pos < text.length()) {
                int start = line;
                List<String> fields = record();
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue; // blank line
                }
                records.add(fields.toArray(String[]::new));
                lines.add(start);
            }
        }

        /** Reads one record up to and including its line end. */
        private List<String> record() {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int quoteLine = line;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < text.length() && text.charAt(pos) == '"') {
                            field.append('"');
                            pos++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    quoteLine = line;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                        pos++;
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new NeuroLensException(file + " line " + quoteLine + ": a quoted field is not closed");
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
