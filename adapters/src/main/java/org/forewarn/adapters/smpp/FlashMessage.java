package org.forewarn.adapters.smpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flash-screen warning turned into the {@code short_message} of one or more submit_sm: class-0
 * data coding ({@code 0x10}, GSM 7-bit, when every character is in the GSM default alphabet or its
 * extension; {@code 0x18}, UCS2, otherwise — any Chinese text), and, when the text does not fit one
 * message, parts that each start with a concatenation header (IEI {@code 0x00}: 8-bit reference,
 * total, sequence), to be sent with the UDHI bit of {@code esm_class} set. A part holds at most 153
 * septets or 67 UCS2 characters (134 bytes) so that header and text fit the 140 octets of one
 * message; a GSM escape pair or a UTF-16 surrogate pair is never cut between two parts.
 */
record FlashMessage(byte dataCoding, List<byte[]> parts) {

    static final byte GSM7_CLASS0 = 0x10;
    static final byte UCS2_CLASS0 = 0x18;
    static final int SINGLE_SEPTETS = 160;
    static final int PART_SEPTETS = 153;
    static final int SINGLE_UCS2_CHARS = 70;
    static final int PART_UCS2_CHARS = 67;
    static final int MAX_PARTS = 255;
    private static final int UDH_LENGTH = 6;

    FlashMessage {
        parts = List.copyOf(parts);
    }

    /** @param reference the concatenation reference of this message, used only when it needs parts */
    static FlashMessage of(String text, int reference) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a flash warning needs a text");
        }
        Optional<byte[]> septets = Gsm7.encode(text);
        if (septets.isPresent()) {
            return new FlashMessage(GSM7_CLASS0, gsm7Parts(septets.get(), reference));
        }
        return new FlashMessage(UCS2_CLASS0, ucs2Parts(text, reference));
    }

    boolean concatenated() {
        return parts.size() > 1;
    }

    /** The text of the parts read back, as a handset assembles it. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (byte[] part : parts) {
            int offset = concatenated() ? UDH_LENGTH : 0;
            text.append(dataCoding == GSM7_CLASS0 ? Gsm7.decode(part, offset, part.length - offset)
                    : new String(part, offset, part.length - offset, StandardCharsets.UTF_16BE));
        }
        return text.toString();
    }

    private static List<byte[]> gsm7Parts(byte[] septets, int reference) {
        if (septets.length <= SINGLE_SEPTETS) {
            return List.of(septets);
        }
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        while (start < septets.length) {
            int end = Math.min(start + PART_SEPTETS, septets.length);
            if (end < septets.length && septets[end - 1] == Gsm7.ESCAPE) {
                end--; // keep the escape with the character it announces (no pair ends in an escape)
            }
            ranges.add(new int[] {start, end});
            start = end;
        }
        return withHeaders(septets, ranges, reference);
    }

    private static List<byte[]> ucs2Parts(String text, int reference) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_16BE);
        if (text.length() <= SINGLE_UCS2_CHARS) {
            return List.of(bytes);
        }
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + PART_UCS2_CHARS, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            ranges.add(new int[] {start * 2, end * 2});
            start = end;
        }
        return withHeaders(bytes, ranges, reference);
    }

    private static List<byte[]> withHeaders(byte[] payload, List<int[]> ranges, int reference) {
        if (ranges.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a flash warning of " + ranges.size() + " parts is too long");
        }
        List<byte[]> parts = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            byte[] part = new byte[UDH_LENGTH + range[1] - range[0]];
            part[0] = 0x05; // length of the header that follows
            part[1] = 0x00; // concatenated message, 8-bit reference
            part[2] = 0x03;
            part[3] = (byte) reference;
            part[4] = (byte) ranges.size();
            part[5] = (byte) (i + 1);
            System.arraycopy(payload, range[0], part, UDH_LENGTH, range[1] - range[0]);
            parts.add(part);
        }
        return parts;
    }
}
