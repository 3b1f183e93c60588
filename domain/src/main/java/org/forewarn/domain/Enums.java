package org.forewarn.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Strict parsing of enum codes from outside: exact code, or an error listing the valid ones. */
public final class Enums {

    private static final int MAX_SHOWN = 40;

    private Enums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(code)) {
                return e;
            }
        }
        String shown = code.length() > MAX_SHOWN ? code.substring(0, MAX_SHOWN) + "…" : code;
        throw new InvalidValueException(field, "unknown value '" + printable(shown) + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
