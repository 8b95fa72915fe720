package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The escaping every log line goes through, as a decision table: no quoted value can start a line of its own. */
class SafeTextTest {

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        assertEquals("a\\r\\nb", SafeText.escape("a\r\nb"));
        assertEquals("a\\0b\\u001bc\\u2028d", SafeText.escape("a\0b\u001bc\u2028d"));
        assertEquals("tab\tstays", SafeText.escape("tab\tstays"));
        String plain = "nothing to escape: café, \\n as text";
        assertSame(plain, SafeText.escape(plain));
        assertTrue(SafeText.hasLineBreakOrNul("a\rb") && SafeText.hasLineBreakOrNul("a\0") && !SafeText.hasLineBreakOrNul("a\tb"));
    }

    @Test
    void theLogFilterEscapesTheFormattedLineAndTheMessagesOfAStackTrace() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Rejected %s", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] {"a\r\n2001-01-01 INFO forged"});
        Throwable thrown = new IllegalStateException("outer\nforged", new RuntimeException("inner\r\nforged"));
        record.setThrown(thrown);

        assertTrue(new RedactingLogFilter().isLoggable(record));

        assertEquals("Rejected a\\r\\n2001-01-01 INFO forged", record.getFormattedMessage());
        Throwable printed = record.getThrown();
        assertEquals("java.lang.IllegalStateException: outer\\nforged", printed.toString());
        assertEquals("java.lang.RuntimeException: inner\\r\\nforged", printed.getCause().toString());
        assertArrayEquals(thrown.getStackTrace(), printed.getStackTrace(), "the frames are kept");
        assertFalse(printed.getCause().getMessage().contains("\n"));
    }
}
