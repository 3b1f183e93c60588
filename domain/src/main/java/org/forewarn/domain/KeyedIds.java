package org.forewarn.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256, first 16 bytes in hex) behind {@link PersonIds} and
 * {@link SuspectIds}. Each kind of id hashes its own {@code context} before the number, so the
 * same number and key give unrelated ids for a person and for a suspect: one cannot be turned
 * into the other by swapping the prefix.
 */
final class KeyedIds {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int ID_BYTES = 16;

    private final String prefix;
    private final byte[] context;
    private final SecretKeySpec key;

    /**
     * @param kind    names the key in the error, e.g. {@code person-id}
     * @param prefix  starts every id, e.g. {@code p-}
     * @param context hashed before the number; never starts with {@code +}, so it cannot be
     *                mistaken for part of a number
     */
    KeyedIds(String kind, String prefix, String context, byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the " + kind + " key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.prefix = prefix;
        this.context = context.getBytes(StandardCharsets.US_ASCII);
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    String of(PhoneNumber number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(context);
            byte[] digest = mac.doFinal(number.e164().getBytes(StandardCharsets.US_ASCII));
            return prefix + HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
