package id.bankgw.core;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line, at every level and from every library (HTTP wire logs included), passes through the
 * {@link Redactor} before it is written, and its control characters are escaped ({@link SafeText#escape}): a value
 * a line quotes cannot start a line of its own. Enabled by {@code quarkus.log.console.filter=redact}.
 */
@LoggingFilter(name = "redact")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String clean = SafeText.escape(Redactor.redact(formatted));
            if (clean != null && !clean.equals(formatted)) {
                ext.setMessage(clean, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
            Throwable thrown = ext.getThrown();
            if (thrown != null && needsCleaning(thrown)) {
                // A stack trace prints its messages as they are: print a copy with clean messages and the same frames.
                ext.setThrown(cleanCopy(thrown));
            }
        }
        return true;
    }

    private static String clean(String message) {
        return SafeText.escape(Redactor.redact(message));
    }

    private static boolean needsCleaning(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().equals(clean(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** The chain of causes, each as "class: clean message" with its own frames (at most 20 deep). */
    static Throwable cleanCopy(Throwable thrown) {
        return cleanCopy(thrown, 20);
    }

    private static Throwable cleanCopy(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown || depth == 0
                ? null : cleanCopy(thrown.getCause(), depth - 1);
        Throwable copy = new CleanedThrowable(thrown.getClass().getName()
                + (thrown.getMessage() == null ? "" : ": " + clean(thrown.getMessage())), cause);
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Prints as the original did ("class: message"), without naming itself. */
    private static final class CleanedThrowable extends Throwable {
        CleanedThrowable(String text, Throwable cause) {
            super(text, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
