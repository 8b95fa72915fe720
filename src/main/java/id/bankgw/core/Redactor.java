package id.bankgw.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets, tokens and full account numbers from text that is about to be logged. Known secret values
 * (client secrets, API keys, issued tokens) are registered here as they are loaded or fetched; the patterns
 * catch the rest (bearer tokens, form or JSON secrets, long digit runs such as account numbers).
 */
public final class Redactor {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)(\"?(?:client_secret|access_token|api[-_]?key|x-api-key|x-signature|bri-signature|x-callback-token|token|password)\"?\\s*[=:]\\s*\"?)([^\"&,\\s}]+)");
    /** Account-like digit runs (10+ digits) keep their last four digits. */
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6,})([0-9]{4})(?![0-9])");

    private Redactor() {
    }

    /** Registers a value that must never appear in a log line. Short values are ignored (too many false hits). */
    public static void secret(String value) {
        if (value != null && value.length() >= 6) {
            SECRETS.add(value);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            if (out.contains(secret)) {
                out = out.replace(secret, "***");
            }
        }
        out = BEARER.matcher(out).replaceAll("$1***");
        out = NAMED_SECRET.matcher(out).replaceAll("$1***");
        return maskDigits(out);
    }

    private static String maskDigits(String text) {
        Matcher m = LONG_DIGITS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, "*".repeat(m.group(1).length()) + m.group(2));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /** An account number for a log line: only the last four digits. */
    public static String account(String accountNo) {
        if (accountNo == null || accountNo.length() <= 4) {
            return accountNo;
        }
        return "*".repeat(accountNo.length() - 4) + accountNo.substring(accountNo.length() - 4);
    }
}
