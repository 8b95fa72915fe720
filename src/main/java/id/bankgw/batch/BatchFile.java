package id.bankgw.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a batch file row by row, never whole: CSV with a header row (columns in any order, extra columns kept),
 * or JSON Lines (one object per line). Files come from spreadsheets, so the reader is strict about what it cannot
 * know and lenient about what Excel adds:
 * <ul>
 * <li>Bytes are decoded in {@code batch.file-encoding} (UTF-8 by default); a byte-order mark is dropped; an
 * undecodable byte makes that one line an error naming its column, and reading goes on with the next line.</li>
 * <li>Blank lines and lines of empty cells ({@code ,,,,,}) are skipped; line numbers are the file's physical lines.</li>
 * <li>A field cannot span lines: a quote left open is reported on the line where it opens.</li>
 * <li>A line longer than {@code batch.max-line-bytes} or with more than {@code batch.max-fields} fields is an error,
 * and only that much of it is ever held in memory.</li>
 * <li>The CSV separator is the comma, or the semicolon when the header uses it (Excel in an Indonesian locale).</li>
 * </ul>
 * Each step reads at least one line, so the reader always reaches the end of the file.
 */
public final class BatchFile implements Iterator<BatchFile.Row>, Closeable {

    /** One row as read: its line in the file and its columns; {@code error} when the line cannot be read. */
    public record Row(int lineNo, Map<String, String> columns, String error) {
    }

    /** What a file may be: its encoding and the size of a line. */
    public record Limits(Charset charset, int maxLineBytes, int maxFields) {
    }

    private final Lines lines;
    private final Iterator<Row> rows;
    private final List<String> columns;
    private final String headerError;

    private BatchFile(Lines lines, Iterator<Row> rows, List<String> columns, String headerError) {
        this.lines = lines;
        this.rows = rows;
        this.columns = columns;
        this.headerError = headerError;
    }

    public static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    public static BatchFile open(Path file, ObjectMapper json, Limits limits) throws IOException {
        Lines lines = new Lines(new BufferedInputStream(Files.newInputStream(file), 64 * 1024), limits);
        try {
            return isJsonLines(file) ? jsonLines(lines, json, limits) : csv(lines, limits);
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** The file's SHA-256, read as a stream: the same content dropped again is the same batch. */
    public static String contentHash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Column names in file order (JSON Lines: the keys of the first object). */
    public List<String> columns() {
        return columns;
    }

    /** Why the header cannot be used (no header, a column twice, unreadable); null when it can. */
    public String headerError() {
        return headerError;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public Row next() {
        return rows.next();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    // ---- CSV

    private static BatchFile csv(Lines lines, Limits limits) throws IOException {
        Line header = lines.nextContentLine();
        if (header == null) {
            return new BatchFile(lines, List.<Row>of().iterator(), List.of(), "the file is empty (no header row)");
        }
        if (header.error != null) {
            return new BatchFile(lines, List.<Row>of().iterator(), List.of(), header.error);
        }
        char separator = separatorOf(header.text);
        Fields names = split(header.text, separator, limits.maxFields());
        if (names.error != null) {
            return new BatchFile(lines, List.<Row>of().iterator(), List.of(), names.error);
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names.values) {
            if (!name.isEmpty() && !seen.add(name)) {
                return new BatchFile(lines, List.<Row>of().iterator(), List.of(), "column '" + name + "' appears twice in the header");
            }
            columns.add(name);
        }
        // Excel pads a sheet's width with unnamed columns: they are dropped, as long as they stay empty
        while (!columns.isEmpty() && columns.get(columns.size() - 1).isEmpty()) {
            columns.remove(columns.size() - 1);
        }
        Iterator<Row> rows = new RowIterator(lines) {
            @Override
            Row read(Line line) {
                Fields fields = split(line.text, separator, limits.maxFields());
                if (fields.error != null) {
                    return new Row(line.number, Map.of(), fields.error);
                }
                if (fields.values.stream().allMatch(String::isEmpty)) {
                    return null; // a line of empty cells
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < fields.values.size(); i++) {
                    String value = fields.values.get(i);
                    String name = i < columns.size() ? columns.get(i) : "";
                    if (name.isEmpty()) {
                        if (!value.isEmpty()) {
                            return new Row(line.number, Map.of(), "field " + (i + 1) + " has a value ('" + shorten(value)
                                    + "') but the header has " + columns.size() + " named columns");
                        }
                        continue;
                    }
                    values.put(name, value);
                }
                for (String name : columns) {
                    if (!name.isEmpty()) {
                        values.putIfAbsent(name, "");
                    }
                }
                return new Row(line.number, values, null);
            }
        };
        return new BatchFile(lines, rows, columns.stream().filter(c -> !c.isEmpty()).toList(), null);
    }

    /** The comma, or the semicolon when the header has semicolons and no comma (Excel's list separator in id-ID). */
    static char separatorOf(String header) {
        return header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
    }

    private record Fields(List<String> values, String error) {
    }

    /** Splits one line (RFC 4180 quoting, {@code ""} inside quotes); unquoted fields are trimmed. */
    static Fields split(String line, char separator, int maxFields) {
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (values.size() == maxFields) {
                return new Fields(null, "has more than " + maxFields + " fields (batch.max-fields)");
            }
            field.setLength(0);
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                int opened = i;
                i++;
                while (true) {
                    if (i >= n) {
                        return new Fields(null, "the quote opened at column " + (opened + 1)
                                + " is not closed on this line (a field cannot span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != separator) {
                    return new Fields(null, "unexpected '" + line.charAt(i) + "' at column " + (i + 1)
                            + " after a closing quote (a quote inside a quoted field is written \"\")");
                }
                values.add(field.toString());
            } else {
                int end = line.indexOf(separator, start);
                end = end < 0 ? n : end;
                // a quote inside an unquoted field (a hand-edited file) is taken as it is
                values.add(line.substring(start, end).trim());
                i = end;
            }
            if (i >= n) {
                return new Fields(values, null);
            }
            i++; // the separator
            if (i == n) {
                if (values.size() == maxFields) {
                    return new Fields(null, "has more than " + maxFields + " fields (batch.max-fields)");
                }
                values.add("");
                return new Fields(values, null);
            }
        }
    }

    // ---- JSON Lines

    private static BatchFile jsonLines(Lines lines, ObjectMapper json, Limits limits) throws IOException {
        List<String> header = new ArrayList<>();
        Iterator<Row> rows = new RowIterator(lines) {
            @Override
            Row read(Line line) {
                JsonNode node;
                try {
                    // a key given twice would silently take its last value
                    node = json.reader().with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(line.text);
                } catch (IOException e) {
                    String problem = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : "";
                    return new Row(line.number, Map.of(), problem != null && problem.startsWith("Duplicate field")
                            ? "has a key twice (" + problem + ")" : "is not valid JSON");
                }
                if (node == null || !node.isObject()) {
                    return new Row(line.number, Map.of(), "must be a JSON object");
                }
                if (node.size() > limits.maxFields()) {
                    return new Row(line.number, Map.of(), "has more than " + limits.maxFields() + " fields (batch.max-fields)");
                }
                Map<String, String> values = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> values.put(e.getKey(),
                        e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                if (header.isEmpty()) {
                    header.addAll(values.keySet());
                }
                return new Row(line.number, values, null);
            }
        };
        // The columns are the keys of the first object, known before any row is taken
        Row first = rows.hasNext() ? rows.next() : null;
        return new BatchFile(lines, first == null ? rows : new PeekedRows(first, rows), header,
                first == null ? "the file has no JSON object" : null);
    }

    // ---- lines

    /** One physical line, decoded; {@code error} when it could not be. */
    private record Line(int number, String text, String error) {
    }

    /** Rows from lines: a line that gives no row (empty cells) is passed over; every call consumes a line. */
    private abstract static class RowIterator implements Iterator<Row> {
        private final Lines lines;
        private Row next;

        RowIterator(Lines lines) {
            this.lines = lines;
        }

        abstract Row read(Line line);

        @Override
        public boolean hasNext() {
            while (next == null) {
                Line line;
                try {
                    line = lines.nextContentLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (line == null) {
                    return false;
                }
                next = line.error != null ? new Row(line.number, Map.of(), line.error) : read(line);
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }
    }

    /**
     * The file's physical lines as bytes, then decoded one at a time: a byte that does not decode is reported with
     * its line and column, and cannot affect any other line.
     */
    private static final class Lines implements Closeable {
        private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        private final InputStream in;
        private final Limits limits;
        private final CharsetDecoder decoder;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private int number;
        private boolean first = true;
        private boolean eof;

        Lines(InputStream in, Limits limits) {
            this.in = in;
            this.limits = limits;
            this.decoder = limits.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        /** The next line that is not blank, or null at the end of the file. */
        Line nextContentLine() throws IOException {
            while (true) {
                Line line = nextLine();
                if (line == null || line.error != null || !line.text.isBlank()) {
                    return line;
                }
            }
        }

        private Line nextLine() throws IOException {
            if (eof) {
                return null;
            }
            buffer.reset();
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (buffer.size() < limits.maxLineBytes()) {
                    buffer.write(b);
                } else {
                    tooLong = true; // the rest of the line is read past, never held
                }
            }
            if (b < 0) {
                eof = true;
                if (buffer.size() == 0 && !tooLong) {
                    return null;
                }
            }
            number++;
            byte[] bytes = buffer.toByteArray();
            int from = 0;
            if (first) {
                first = false;
                if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF
                        || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
                    eof = true;
                    return new Line(number, null, "the file is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8'");
                }
                if (startsWith(bytes, UTF8_BOM)) {
                    from = UTF8_BOM.length;
                }
            }
            if (tooLong) {
                return new Line(number, null, "is longer than " + limits.maxLineBytes() + " bytes (batch.max-line-bytes)");
            }
            int to = bytes.length > from && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return decode(number, bytes, from, to);
        }

        private Line decode(int lineNo, byte[] bytes, int from, int to) {
            ByteBuffer source = ByteBuffer.wrap(bytes, from, to - from);
            CharBuffer text = CharBuffer.allocate((int) ((to - from) * (double) decoder.maxCharsPerByte()) + 1);
            decoder.reset();
            CoderResult result = decoder.decode(source, text, true);
            if (!result.isError()) {
                result = decoder.flush(text);
            }
            if (result.isError()) {
                int at = source.position();
                return new Line(lineNo, null, String.format("byte 0x%02X at column %d cannot be read as %s (batch.file-encoding): "
                                + "save the file as 'CSV UTF-8', or set batch.file-encoding to its code page, e.g. windows-1252",
                        bytes[at] & 0xFF, text.position() + 1, limits.charset().name()));
            }
            text.flip();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r') {
                    return new Line(lineNo, null, "has a carriage return at column " + (i + 1) + " that ends no line "
                            + "(old Mac line endings?): save the file as 'CSV UTF-8'");
                }
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    return new Line(lineNo, null, String.format("control character U+%04X at column %d is not allowed", (int) c, i + 1));
                }
            }
            return new Line(lineNo, text.toString(), null);
        }

        private static boolean startsWith(byte[] bytes, byte[] prefix) {
            if (bytes.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }

    /** An iterator whose first element has already been read. */
    private static final class PeekedRows implements Iterator<Row> {
        private Row first;
        private final Iterator<Row> rest;

        PeekedRows(Row first, Iterator<Row> rest) {
            this.first = first;
            this.rest = rest;
        }

        @Override
        public boolean hasNext() {
            return first != null || rest.hasNext();
        }

        @Override
        public Row next() {
            if (first != null) {
                Row r = first;
                first = null;
                return r;
            }
            return rest.next();
        }
    }
}
