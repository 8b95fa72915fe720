package id.bankgw.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.sandbox.SandboxFaults.Action;
import id.bankgw.sandbox.SandboxFaults.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault switches without a sandbox running: the named settings, their JSON body, and the switch itself. */
class SandboxFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentedJsonBodyAndTheNamedSettingsAreTheSame() throws Exception {
        // the body docs/sandbox.md shows for PUT /sandbox/faults
        Settings fromJson = JSON.readValue("""
                {"pathPattern": "/oy/api/remit", "latencyMillis": 0, "serverErrorRate": 0, "timeoutRate": 0,
                 "ambiguousRate": 1.0, "unknownCodeRate": 0, "remaining": 1, "hangMillis": 60000}""", Settings.class);
        assertEquals(Settings.on("/oy/api/remit").withAmbiguousRate(1.0).withRemaining(1), fromJson);
        assertEquals(fromJson, JSON.readValue(JSON.writeValueAsString(fromJson), Settings.class), "GET answers what PUT takes");
    }

    @Test
    void aFieldLeftOutOfTheJsonBodyIsZero() throws Exception {
        Settings partial = JSON.readValue("{\"pathPattern\":\"/oy/api/.*\",\"latencyMillis\":40}", Settings.class);
        assertEquals(Settings.on("/oy/api/.*").withLatencyMillis(40).withRemaining(0).withHangMillis(0), partial,
                "remaining 0: no fault is injected");
    }

    @Test
    void eachNamedSettingChangesOnlyItsOwnField() {
        Settings s = Settings.on("/x").withLatencyMillis(5).withServerErrorRate(0.1).withTimeoutRate(0.2).withAmbiguousRate(0.3)
                .withUnknownCodeRate(0.4).withRemaining(6).withHangMillis(7);
        assertEquals(List.of("/x", 5L, 0.1, 0.2, 0.3, 0.4, 6, 7L), List.of(s.pathPattern(), s.latencyMillis(), s.serverErrorRate(),
                s.timeoutRate(), s.ambiguousRate(), s.unknownCodeRate(), s.remaining(), s.hangMillis()));
        Settings none = Settings.on("/x");
        assertEquals(List.of(0L, 0.0, 0.0, 0.0, 0.0, -1, 60_000L), List.of(none.latencyMillis(), none.serverErrorRate(),
                none.timeoutRate(), none.ambiguousRate(), none.unknownCodeRate(), none.remaining(), none.hangMillis()),
                "nothing but the path: no fault");
    }

    @Test
    void aLimitedFaultIsInjectedThatManyTimesOnMatchingPathsOnly() throws Exception {
        SandboxFaults faults = new SandboxFaults();
        faults.set(Settings.on("/oy/api/remit").withAmbiguousRate(1.0).withRemaining(2));
        assertEquals(Action.PASS, faults.decide("/oy/api/remit-status"), "the pattern matches the whole path");
        assertEquals(Action.PASS, faults.decide("/sandbox/oy/remits/p-1"), "the sandbox's own controls never fail");
        assertEquals(Action.AMBIGUOUS, faults.decide("/oy/api/remit"));
        assertEquals(Action.AMBIGUOUS, faults.decide("/oy/api/remit"));
        assertEquals(Action.PASS, faults.decide("/oy/api/remit"), "two faults, then none");

        faults.set(Settings.on("/raya/.*").withServerErrorRate(1.0));
        for (int i = 0; i < 5; i++) {
            assertEquals(Action.SERVER_ERROR, faults.decide("/raya/oauth/accesstoken"), "no limit");
        }
        faults.clear();
        assertEquals(Action.PASS, faults.decide("/raya/oauth/accesstoken"));
    }
}
