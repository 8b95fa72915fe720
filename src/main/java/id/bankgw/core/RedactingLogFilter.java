package id.bankgw.core;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line, at every level and from every library (HTTP wire logs included), passes through the
 * {@link Redactor} before it is written. Enabled by {@code quarkus.log.console.filter=redact}.
 */
@LoggingFilter(name = "redact")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String clean = Redactor.redact(formatted);
            if (clean != null && !clean.equals(formatted)) {
                ext.setMessage(clean, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
            Throwable thrown = ext.getThrown();
            if (thrown != null && thrown.getMessage() != null
                    && !thrown.getMessage().equals(Redactor.redact(thrown.getMessage()))) {
                // A stack trace would print the unredacted message: keep the redacted text, drop the trace.
                ext.setMessage(clean + " [" + thrown.getClass().getName() + ": "
                        + Redactor.redact(thrown.getMessage()) + "]", ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setThrown(null);
            }
        }
        return true;
    }
}
