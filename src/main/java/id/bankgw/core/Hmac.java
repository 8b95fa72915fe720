package id.bankgw.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC whose key is set up once: each signature is made on a clone of the keyed prototype, never on the prototype
 * itself (a Mac is not thread-safe), which spares a JCA provider look-up and the key schedule per signature.
 */
public final class Hmac {

    private final byte[] key;
    private final Mac prototype;

    public Hmac(String algorithm, String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        try {
            prototype = Mac.getInstance(algorithm);
            prototype.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** Whether this HMAC signs with that secret (the configured secret may be another one by now). */
    public boolean isFor(String secret) {
        return MessageDigest.isEqual(key, secret.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] sign(byte[] data) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // a provider whose Mac cannot be cloned: a fresh one, keyed as the prototype
            try {
                mac = Mac.getInstance(prototype.getAlgorithm(), prototype.getProvider());
                mac.init(new SecretKeySpec(key, prototype.getAlgorithm()));
            } catch (GeneralSecurityException e2) {
                throw new IllegalStateException(prototype.getAlgorithm() + " unavailable", e2);
            }
        }
        return mac.doFinal(data);
    }
}
