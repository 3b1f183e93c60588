package org.forewarn.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a person's identifier from their phone number with a keyed hash (HMAC-SHA256), so
 * that the identifier can travel through Zeebe, logs and URLs without revealing the number,
 * and nobody without the key can test a guessed number against it.
 */
public final class PersonIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int ID_BYTES = 16;

    private final SecretKeySpec key;

    public PersonIds(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the person-id key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String of(PhoneNumber number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(number.e164().getBytes(StandardCharsets.US_ASCII));
            return "p-" + HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
