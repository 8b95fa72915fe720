package id.bankgw.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a batch file row by row, never whole: CSV with a header row (columns in any order, extra columns kept),
 * or JSON Lines (one object per line). Each row keeps its line number and every column, in file order.
 */
public final class BatchFile implements Iterator<BatchFile.Row>, Closeable {

    /** One row as read: its line in the file and its columns; {@code error} when the line cannot be read. */
    public record Row(int lineNo, Map<String, String> columns, String error) {
    }

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private final Closeable source;
    private final Iterator<Row> rows;
    private final List<String> columns;

    private BatchFile(Closeable source, Iterator<Row> rows, List<String> columns) {
        this.source = source;
        this.rows = rows;
        this.columns = columns;
    }

    public static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    public static BatchFile open(Path file, ObjectMapper json) throws IOException {
        return isJsonLines(file) ? jsonLines(file, json) : csv(file);
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
        source.close();
    }

    private static BatchFile csv(Path file) throws IOException {
        MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>();
        it.hasNextValue(); // reads the header row
        for (CsvSchema.Column column : ((CsvParser) it.getParser()).getSchema()) {
            header.add(column.getName());
        }
        Iterator<Row> rows = new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                try {
                    return it.hasNextValue();
                } catch (IOException e) {
                    return true; // next() reports the unreadable line
                }
            }

            @Override
            public Row next() {
                index++;
                try {
                    Map<String, String> values = it.nextValue();
                    // Line numbers as an operator counts them: the header is line 1, the first row line 2.
                    return new Row(index + 1, new LinkedHashMap<>(values), null);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof NoSuchElementException nse) {
                        throw nse;
                    }
                    return new Row(index + 1, Map.of(), "cannot be read: " + e.getMessage().split("\n")[0]);
                }
            }
        };
        return new BatchFile(it, rows, header);
    }

    private static BatchFile jsonLines(Path file, ObjectMapper json) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>();
        Iterator<Row> rows = new Iterator<>() {
            private int lineNo;
            private String line = advance();

            private String advance() {
                try {
                    String l;
                    do {
                        l = reader.readLine();
                        lineNo++;
                    } while (l != null && l.isBlank());
                    return l;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return line != null;
            }

            @Override
            public Row next() {
                if (line == null) {
                    throw new NoSuchElementException();
                }
                int at = lineNo;
                String text = line;
                line = advance();
                try {
                    JsonNode node = json.readTree(text);
                    if (!node.isObject()) {
                        return new Row(at, Map.of(), "must be a JSON object");
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> values.put(e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                    if (header.isEmpty()) {
                        header.addAll(values.keySet());
                    }
                    return new Row(at, values, null);
                } catch (IOException e) {
                    return new Row(at, Map.of(), "is not valid JSON");
                }
            }
        };
        // The columns are the keys of the first object, known before any row is taken
        if (rows.hasNext()) {
            return new BatchFile(reader, new PeekedRows(rows.next(), rows), header);
        }
        return new BatchFile(reader, rows, header);
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
