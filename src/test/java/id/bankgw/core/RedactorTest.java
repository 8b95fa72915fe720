package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void registeredSecretsBearerTokensAndFormSecretsAreRemoved() {
        Redactor.secret("very-secret-value");
        String line = Redactor.redact("client_id=abc&client_secret=very-secret-value Authorization: Bearer AbC123xyz");
        assertFalse(line.contains("very-secret-value"));
        assertFalse(line.contains("AbC123xyz"));
    }

    @Test
    void accountNumbersKeepOnlyTheirLastFourDigits() {
        assertEquals("to ******7890 done", Redactor.redact("to 1234567890 done"));
        assertEquals("**********2345", Redactor.account("12345678912345"));
    }

    @Test
    void jsonSecretsAreRemoved() {
        assertEquals("{\"access_token\":\"***\",\"expires_in\":\"7199\"}",
                Redactor.redact("{\"access_token\":\"2BX5gf8zEWbRDMBWCiaP96vFavAL\",\"expires_in\":\"7199\"}"));
    }
}
