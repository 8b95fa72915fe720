package id.bankgw.core;

/**
 * The character rules every caller value meets before it can reach a bank header, a bank path or a log line,
 * and the escaping that log lines use for whatever they quote.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Rule of every text value, key and parameter: a line break or NUL could forge a header or a log line. */
    public static final String NO_LINE_BREAKS_RULE = "must not contain CR, LF or NUL characters";

    /** Free text of a request (names, notes, remarks): printable characters, no control characters at all. */
    public static final String FREE_TEXT = "[^\\p{Cntrl}\\u2028\\u2029]*";
    public static final String FREE_TEXT_RULE = "must be printable text (no control characters)";

    public static boolean hasLineBreakOrNul(String text) {
        return text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0);
    }

    /**
     * The text with every control character but the tab (and the Unicode line and paragraph separators) written as
     * an escape, so that whatever a line quotes stays on that line: "\r", "\n", "\0", otherwise "\\uXXXX".
     */
    public static String escape(String text) {
        if (text == null || !needsEscape(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\0' -> out.append("\\0");
                default -> {
                    if (isEscaped(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isEscaped(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEscaped(char c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
    }
}
