package id.bankgw.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch file reader on the files that spreadsheets and hand edits produce (no gateway needed). */
class BatchFileTest {

    private static final String HEADER = "partner_trx_id,recipient_bank,recipient_account,amount,note\n";
    private static final BatchFile.Limits UTF8 = new BatchFile.Limits(StandardCharsets.UTF_8, 200, 10);

    @TempDir
    Path dir;

    private List<BatchFile.Row> read(String name, byte[] content, BatchFile.Limits limits) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        List<BatchFile.Row> rows = new ArrayList<>();
        try (BatchFile f = BatchFile.open(file, new ObjectMapper(), limits)) {
            assertNull(f.headerError(), f.headerError());
            // bounded: a reader that loops on an error would never end this
            for (int i = 0; f.hasNext(); i++) {
                assertTrue(i < 10_000, "the reader does not advance");
                rows.add(f.next());
            }
        }
        return rows;
    }

    private static byte[] bytes(Object... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.write(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aWindows1252ByteIsOneLineErrorWithItsColumnAndTheRestIsRead() throws Exception {
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            filler.append("id-").append(i).append(",014,1239812390,1000,Salary\n"); // past the first kilobytes
        }
        byte[] jose = "id-x,014,1239812390,1000,Jos".getBytes(StandardCharsets.US_ASCII);
        List<BatchFile.Row> rows = read("excel.csv", bytes(HEADER, filler, jose, new byte[] {(byte) 0xE9}, "\n",
                "id-last,014,1239812390,1000,Salary\n"), UTF8);
        assertEquals(102, rows.size(), "every line once, the bad one included");
        BatchFile.Row bad = rows.get(100);
        assertEquals(102, bad.lineNo(), "the header is line 1");
        assertTrue(bad.error().contains("byte 0xE9 at column 29") && bad.error().contains("UTF-8"), bad.error());
        assertEquals("id-last", rows.get(101).columns().get("partner_trx_id"));
    }

    @Test
    void theFileEncodingCanBeWindows1252() throws Exception {
        List<BatchFile.Row> rows = read("cp.csv", bytes(HEADER, "id-1,014,1239812390,1000,Jos".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, "\n"), new BatchFile.Limits(Charset.forName("windows-1252"), 200, 10));
        assertEquals("José", rows.get(0).columns().get("note"));
    }

    @Test
    void excelsCsvUtf8WithItsByteOrderMarkAndPaddingLinesIsRead() throws Exception {
        List<BatchFile.Row> rows = read("bom.csv", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "partner_trx_id,recipient_bank,recipient_account,amount,note,,\r\n",
                "id-1,014,1239812390,1000,Gaji Jos\u00e9,,\r\n", ",,,,,,\r\n", "\r\n", "   \r\n", ",,,,,,\r\n"), UTF8);
        assertEquals(1, rows.size(), "lines of empty cells and blank lines are no rows");
        assertEquals("id-1", rows.get(0).columns().get("partner_trx_id"), "the first header is read without the mark");
        assertEquals("Gaji José", rows.get(0).columns().get("note"));
        assertEquals(List.of("partner_trx_id", "recipient_bank", "recipient_account", "amount", "note"),
                List.copyOf(rows.get(0).columns().keySet()));
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpensAndDoesNotSwallowLaterLines() throws Exception {
        List<BatchFile.Row> rows = read("quote.csv", bytes(HEADER, "id-1,014,1239812390,1000,\"Salary\n",
                "id-2,014,1239812390,1000,\"Bonus, \"\"Q4\"\"\"\n", "id-3,014,1239812390,1000,Salary\n"), UTF8);
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(0).lineNo());
        assertTrue(rows.get(0).error().contains("quote opened at column 26 is not closed"), rows.get(0).error());
        assertEquals("Bonus, \"Q4\"", rows.get(1).columns().get("note"));
        assertEquals("id-3", rows.get(2).columns().get("partner_trx_id"));
    }

    @Test
    void lineNumbersAreTheFilesLinesAndBlankLinesCount() throws Exception {
        List<BatchFile.Row> rows = read("blank.csv", bytes("\n", HEADER, "\n\n", "id-1,014,1239812390,1000,Salary\n"), UTF8);
        assertEquals(5, rows.get(0).lineNo());
    }

    @Test
    void anOverlongLineAndTooManyFieldsAreErrorsOfTheirOwn() throws Exception {
        List<BatchFile.Row> rows = read("long.csv", bytes(HEADER, "id-1,014,1239812390,1000," + "x".repeat(500) + "\n",
                "id-2,014,1239812390,1000,a,b,c,d,e,f,g\n", "id-3,014,1239812390,1000,Salary,extra\n",
                "id-4,014,1239812390,1000,Salary\n"), UTF8);
        assertTrue(rows.get(0).error().contains("longer than 200 bytes"), rows.get(0).error());
        assertTrue(rows.get(1).error().contains("more than 10 fields"), rows.get(1).error());
        assertTrue(rows.get(2).error().contains("field 6 has a value"), rows.get(2).error());
        assertEquals("id-4", rows.get(3).columns().get("partner_trx_id"));
    }

    @Test
    void aSemicolonHeaderMeansSemicolonSeparatedRows() throws Exception {
        List<BatchFile.Row> rows = read("semi.csv", bytes("partner_trx_id;recipient_bank;recipient_account;amount;note\n",
                "id-1;014;1239812390;1000;Gaji, November\n"), UTF8);
        assertEquals("Gaji, November", rows.get(0).columns().get("note"));
    }

    @Test
    void jsonLinesWithABadByteGoOnWithTheNextLine() throws Exception {
        List<BatchFile.Row> rows = read("bad.jsonl", bytes("{\"partner_trx_id\":\"a\",\"note\":\"Jos",
                new byte[] {(byte) 0xE9}, "\"}\n", "\n", "{\"partner_trx_id\":\"b\"}\n"), UTF8);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).error().contains("byte 0xE9"), rows.get(0).error());
        assertEquals(3, rows.get(1).lineNo());
        assertEquals("b", rows.get(1).columns().get("partner_trx_id"));
    }

    @Test
    void aUtf16FileAndAHeaderWithAColumnTwiceAreRefusedWhole() throws Exception {
        Path utf16 = dir.resolve("u16.csv");
        Files.write(utf16, bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, HEADER.getBytes(StandardCharsets.UTF_16LE)));
        try (BatchFile f = BatchFile.open(utf16, new ObjectMapper(), UTF8)) {
            assertTrue(f.headerError().contains("UTF-16"), f.headerError());
        }
        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "partner_trx_id,amount,amount\n");
        try (BatchFile f = BatchFile.open(twice, new ObjectMapper(), UTF8)) {
            assertTrue(f.headerError().contains("'amount' appears twice"), f.headerError());
        }
    }

    @Test
    void aJsonKeyGivenTwiceAndOldMacLineEndingsAreErrorsNotGuesses() throws Exception {
        List<BatchFile.Row> rows = read("twice.jsonl", bytes("{\"partner_trx_id\":\"a\",\"amount\":\"1\",\"amount\":\"9000000\"}\n",
                "{\"partner_trx_id\":\"b\",\"amount\":\"2\"}\n"), UTF8);
        assertTrue(rows.get(0).error().contains("has a key twice") && rows.get(0).error().contains("amount"), rows.get(0).error());
        assertEquals("2", rows.get(1).columns().get("amount"));
        List<BatchFile.Row> mac = read("mac.csv", bytes(HEADER, "id-1,014,1239812390,1000,Salary\rid-2,014,1239812390,1000,Salary\n"), UTF8);
        assertTrue(mac.get(0).error().contains("carriage return at column 32"), mac.get(0).error());
    }
}
