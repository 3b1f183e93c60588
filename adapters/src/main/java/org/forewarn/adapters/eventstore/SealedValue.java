package org.forewarn.adapters.eventstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.forewarn.adapters.eventstore.PersonalDataKeys.SubjectKey;

/**
 * One personal value as stored: {@code enc:v1:<subjectId>:<generation>:<base64>}, where the
 * base64 (standard alphabet, padded) holds a 12-byte random IV followed by the AES-256-GCM
 * ciphertext and its 16-byte tag. The associated data is {@code forewarn:v1:<subjectId>:<generation>},
 * so the value opens only with the key it names and only as the subject it names. The subject id
 * may contain colons: the last two fields are split off from the right.
 */
final class SealedValue {

    static final String PREFIX = "enc:v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String subjectId;
    private final int generation;
    private final byte[] ivAndCiphertext;

    private SealedValue(String subjectId, int generation, byte[] ivAndCiphertext) {
        this.subjectId = subjectId;
        this.generation = generation;
        this.ivAndCiphertext = ivAndCiphertext;
    }

    String subjectId() {
        return subjectId;
    }

    int generation() {
        return generation;
    }

    static boolean looksSealed(String text) {
        return text.startsWith(PREFIX);
    }

    static String seal(SubjectKey key, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(key.subjectId(), key.generation()));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
            return PREFIX + key.subjectId() + ":" + key.generation() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a sealed value of this version */
    static SealedValue parse(String text) {
        if (!looksSealed(text)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        int last = text.lastIndexOf(':');
        int beforeLast = text.lastIndexOf(':', last - 1);
        if (beforeLast <= PREFIX.length()) {
            throw new IllegalArgumentException("a sealed value needs a subject, a generation and a ciphertext");
        }
        String subject = text.substring(PREFIX.length(), beforeLast);
        int generation;
        byte[] bytes;
        try {
            generation = Integer.parseInt(text, beforeLast + 1, last, 10);
            bytes = Base64.getDecoder().decode(text.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed value is malformed", e);
        }
        if (generation < 1 || bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed value is malformed");
        }
        return new SealedValue(subject, generation, bytes);
    }

    /** @throws AEADBadTagException when the value was not sealed with this key for this subject and generation */
    String open(SecretKey key) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(aad(subjectId, generation));
            byte[] plaintext = cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(String subjectId, int generation) {
        return ("forewarn:v1:" + subjectId + ":" + generation).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SealedValue[" + subjectId + " generation " + generation + "]";
    }
}
