package org.forewarn.domain;

/**
 * Derives a person's identifier ({@code p-<32 hex>}) from their phone number with a keyed hash
 * (HMAC-SHA256), so that the identifier can travel through Zeebe, logs and URLs without revealing
 * the number, and nobody without the key can test a guessed number against it.
 */
public final class PersonIds {

    /** Empty: person ids were derived from the bare number before suspect ids existed. */
    private static final String CONTEXT = "";

    private final KeyedIds ids;

    public PersonIds(byte[] key) {
        this.ids = new KeyedIds("person-id", "p-", CONTEXT, key);
    }

    public String of(PhoneNumber number) {
        return ids.of(number);
    }
}
