package org.forewarn.domain;

/** Amounts are whole fen ({@code long}); one yuan is 100 fen. */
public final class Money {

    /** Ten billion yuan: no single case comes near it, so anything above is a typing error. */
    public static final long MAX_FEN = 1_000_000_000_000L;

    private Money() {
    }

    /** @throws InvalidValueException unless {@code 0 < fen <= MAX_FEN} */
    public static long positive(String field, Long fen) {
        if (fen == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (fen <= 0) {
            throw new InvalidValueException(field, "must be more than 0 fen");
        }
        if (fen > MAX_FEN) {
            throw new InvalidValueException(field, "must be at most " + MAX_FEN + " fen");
        }
        return fen;
    }
}
