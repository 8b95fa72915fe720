package id.bankgw.bus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallbackSourcesTest {

    @Test
    void addressesAndRanges() {
        assertTrue(Callbacks.inRange("203.0.113.7", "203.0.113.0/24"));
        assertFalse(Callbacks.inRange("203.0.114.7", "203.0.113.0/24"));
        assertTrue(Callbacks.inRange("127.0.0.1", "127.0.0.1"));
        assertFalse(Callbacks.inRange("127.0.0.2", "127.0.0.1"));
        assertFalse(Callbacks.inRange("not-an-address", "10.0.0.0/8"));
        assertTrue(Callbacks.inRange("10.1.2.3", "10.0.0.0/8"));
    }
}
