package org.forewarn.adapters.smpp;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GSM 03.38 default alphabet and its extension table, one septet per octet (unpacked), as
 * SMPP carries 7-bit text in {@code short_message}: the SMSC packs it for the air interface.
 */
final class Gsm7 {

    static final int ESCAPE = 0x1B;

    // index = septet; the escape position holds a placeholder that no text character maps to
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private static final Map<Character, Integer> BASIC_CODES = new HashMap<>();
    private static final Map<Character, Integer> EXTENDED_CODES = new HashMap<>();
    private static final Map<Integer, Character> EXTENDED_CHARS = new HashMap<>();

    static {
        if (BASIC.length() != 128) {
            throw new ExceptionInInitializerError("the GSM 03.38 table must have 128 characters");
        }
        for (int i = 0; i < BASIC.length(); i++) {
            if (i != ESCAPE) {
                BASIC_CODES.put(BASIC.charAt(i), i);
            }
        }
        for (int i = 0; i < EXTENSION_CHARS.length(); i++) {
            EXTENDED_CODES.put(EXTENSION_CHARS.charAt(i), EXTENSION_CODES[i]);
            EXTENDED_CHARS.put(EXTENSION_CODES[i], EXTENSION_CHARS.charAt(i));
        }
    }

    private Gsm7() {
    }

    /** The text as septets, or empty when a character is outside the alphabet and its extension. */
    static Optional<byte[]> encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer basic = BASIC_CODES.get(c);
            if (basic != null) {
                out.write(basic);
                continue;
            }
            Integer extended = EXTENDED_CODES.get(c);
            if (extended == null) {
                return Optional.empty();
            }
            out.write(ESCAPE);
            out.write(extended);
        }
        return Optional.of(out.toByteArray());
    }

    static String decode(byte[] septets, int offset, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < offset + length) {
                i++;
                text.append(EXTENDED_CHARS.getOrDefault(septets[i] & 0x7F, ' '));
            } else {
                text.append(BASIC.charAt(septet));
            }
        }
        return text.toString();
    }
}
