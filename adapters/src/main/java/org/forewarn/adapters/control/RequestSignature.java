package org.forewarn.adapters.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a control API request ({@code docs/openapi/*-control.yaml}, "Signing"): the
 * base64 of HMAC-SHA256, keyed with the shared secret's UTF-8 bytes, over the canonical string
 * <pre>
 * FOREWARN-HMAC-SHA256 \n METHOD \n path \n timestamp \n idempotency key \n hex(SHA-256(body))
 * </pre>
 * (lines joined by a single {@code \n}, no trailing newline; the path exactly as sent, without
 * query; the timestamp in Unix seconds as sent in {@code X-Forewarn-Timestamp}; an empty line
 * where a request has no idempotency key; the body's hash in lowercase hex). Signing the
 * timestamp and the key with the body means a captured request can neither be replayed outside
 * the counterpart's clock window nor have its key or body swapped.
 */
public final class RequestSignature {

    public static final String SCHEME = "FOREWARN-HMAC-SHA256";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    public RequestSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The base64 signature for {@code X-Forewarn-Signature}. */
    public String sign(String method, String path, long timestamp, String idempotencyKey, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC); // not thread-safe: one per signature
            mac.init(key);
            byte[] signature = mac.doFinal(canonical(method, path, timestamp, idempotencyKey, body)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static String canonical(String method, String path, long timestamp, String idempotencyKey, byte[] body) {
        return String.join("\n", SCHEME, method, path, Long.toString(timestamp),
                idempotencyKey == null ? "" : idempotencyKey, HexFormat.of().formatHex(sha256(body)));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
