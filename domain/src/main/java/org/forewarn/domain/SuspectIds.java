package org.forewarn.domain;

import java.util.regex.Pattern;

/**
 * Derives a suspect number's identifier ({@code s-<32 hex>}) with the same keyed hash as
 * {@link PersonIds}, so the suspect can be named in Zeebe, logs and URLs without its number.
 * The hash is domain-separated from person ids: a number that is both a victim's and a
 * suspect's gets two ids that cannot be linked without the key.
 */
public final class SuspectIds {

    private static final String CONTEXT = "suspect:";
    private static final Pattern FORM = Pattern.compile("s-[0-9a-f]{32}");

    private final KeyedIds ids;

    public SuspectIds(byte[] key) {
        this.ids = new KeyedIds("suspect-id", "s-", CONTEXT, key);
    }

    public String of(PhoneNumber number) {
        return ids.of(number);
    }

    /** Whether {@code id} has the form of a suspect id, so a person id cannot be taken for one. */
    public static boolean isSuspectId(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
