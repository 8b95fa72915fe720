package id.bankgw.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulated bank answers: an HTTP status and a JSON body (kept in insertion order). */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    /** A small ordered JSON object: {@code Reply.obj("a", 1, "b", 2)}. */
    public static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
