package org.forewarn.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.forewarn.domain.person.api.CallResult;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.ContactMethod;
import org.forewarn.domain.person.api.FamilyContactResult;
import org.forewarn.domain.person.api.HomeVisitResult;
import org.forewarn.domain.person.api.LiftReason;
import org.forewarn.domain.person.api.Relation;

/**
 * Every value object either accepts what comes from outside or refuses it with an
 * {@link InvalidValueException} that names the field; no input, however odd (huge, control or
 * bidi characters, digits that only look like ASCII ones, lone surrogates, extreme numbers),
 * makes it throw anything else, since anything else would reach an API caller as a 500. Values
 * that are accepted round-trip: parsing the normalised form again gives the same value.
 */
class ValueObjectProperties {

    private static final String FIELD = "someField";

    /** Characters that fool eyes or parsers: controls, bidi overrides, zero-width, look-alike digits. */
    private static final char[] TRICKY = {
            '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\n', '\r', '\t',
            '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad',          // zero-width, BOM, soft hyphen
            '\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2069', // bidi embeddings and isolates
            '\u00a0', '\u2007', '\u3000', '\u2028', '\u2029',                  // spaces and separators
            '\uff10', '\uff11', '\uff18', '\uff19',                            // full-width digits
            '\u0660', '\u0661', '\u0668', '\u06f1',                            // Arabic-Indic digits
            '\u0966', '\u0967', '\u096e',                                      // Devanagari digits
            '\uff0b', '\u2212', '\ufe63', '\u2010', '\u2013', '\uff08',         // look-alike + - (
            '\ud800', '\udc00', '\ud835', '\udfce',                            // lone surrogates
            '+', '-', '(', ')', '.', ' ', ':', '_', '0', '1', '8', '9'};

    /** Mathematical bold digits (U+1D7CE...), outside the BMP: two chars each. */
    private static final String MATH_DIGITS = "\ud835\udfce\ud835\udfcf\ud835\udfd0\ud835\udfd1\ud835\udfd2";

    /**
     * Text as an attacker or a broken platform sends it: any UTF-16 units (lone surrogates
     * included), runs of tricky characters, such runs inside ordinary text, 100,000-character
     * strings, mobile numbers with one look-alike digit, known nasties, and null.
     */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> tricky = Arbitraries.of(TRICKY).list().ofMaxSize(40)
                .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> mixed = Combinators.combine(
                Arbitraries.strings().ofMaxLength(30), tricky, Arbitraries.strings().numeric().ofMaxLength(16))
                .as((a, b, c) -> a + b + c);
        // built from a short seed so that generating and shrinking them stays cheap
        Arbitrary<String> huge = Combinators.combine(Arbitraries.strings().numeric().ofMaxLength(11),
                        Arbitraries.of(TRICKY), Arbitraries.of("1", "A", "\u3000", " "))
                .as((digits, c, filler) -> digits + String.valueOf(c).repeat(50_000) + filler.repeat(50_000));
        Arbitrary<String> lookAlikePhones = chineseMobileDigits().map(ValueObjectProperties::withLookAlikeDigit);
        Arbitrary<String> known = Arbitraries.of("", " ", "\t", "null", "+", "++86", "00", "+0", "0", "-1",
                MATH_DIGITS, "１３８００１３８０００", "١٣٨٠٠١٣٨٠٠٠", "१३८००१३८०००", "+8613800138000\u202e",
                "\u200b13800138000", "13800138000\u0000", "+86 138 0013 8000 ext. 12", "9".repeat(33),
                "+" + "9".repeat(31), "+999 1234567890123");
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(80)),
                Tuple.of(2, tricky),
                Tuple.of(3, mixed),
                Tuple.of(1, huge),
                Tuple.of(1, lookAlikePhones),
                Tuple.of(2, known)).injectNull(0.02);
    }

    // ---- phone numbers -------------------------------------------------------------------

    @Property(tries = 2000)
    void aPhoneNumberIsParsedOrRefusedNamingItsField(@ForAll("hostile") String raw) {
        PhoneNumber number = acceptedOrRefused(() -> PhoneNumber.parse(FIELD, raw));
        if (number != null) {
            assertThat(number.e164()).matches("\\+[1-9][0-9]{6,14}");
            assertThat(PhoneNumber.parse(FIELD, number.e164())).isEqualTo(number);
            assertThat(number.toString()).doesNotContain(number.e164().substring(1));
        }
    }

    @Property(tries = 1000)
    void aStoredNumberIsE164OrRefused(@ForAll("hostile") String raw) {
        if (raw == null) {
            return; // the record's own invariant: a stored number is never null
        }
        PhoneNumber number = refusedAs("phoneNumber", () -> new PhoneNumber(raw));
        if (number != null) {
            assertThat(number.isErased() || number.e164().matches("\\+[1-9][0-9]{6,14}")).isTrue();
        }
    }

    @Property(tries = 1000)
    void aChineseMobileNumberInAnyPlatformSpellingNormalisesToE164AndParsesToItself(
            @ForAll("chineseMobileDigits") String digits, @ForAll @IntRange(max = 7) int spelling) {
        String raw = switch (spelling) {
            case 0 -> digits;
            case 1 -> "+86" + digits;
            case 2 -> "0086" + digits;
            case 3 -> digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7);
            case 4 -> "+86-" + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
            case 5 -> "+86 (" + digits.substring(0, 3) + ") " + digits.substring(3);
            case 6 -> "  " + digits + "\t";
            default -> "+86." + digits.substring(0, 3) + "." + digits.substring(3);
        };
        PhoneNumber number = PhoneNumber.parse(FIELD, raw);

        assertThat(number.e164()).isEqualTo("+86" + digits);
        assertThat(PhoneNumber.parse(FIELD, number.e164())).isEqualTo(number);
        assertThat(new PhoneNumber(number.e164())).isEqualTo(number);
        assertThat(number.masked()).isEqualTo("+86" + digits.substring(0, 3) + "****" + digits.substring(7));
    }

    @Property(tries = 500)
    void aMobileNumberWithOneLookAlikeDigitIsRefused(@ForAll("chineseMobileDigits") String digits) {
        String spoofed = withLookAlikeDigit(digits);
        assertThatThrownBy(() -> PhoneNumber.parse(FIELD, spoofed))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(FIELD));
    }

    /**
     * Eleven digits that libphonenumber holds a valid mainland mobile number: a prefix in use, then
     * eight digits.
     */
    @Provide
    static Arbitrary<String> chineseMobileDigits() {
        Arbitrary<String> prefix = Arbitraries.of("130", "131", "132", "133", "134", "135", "136", "137", "138",
                "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "176", "177", "180", "181",
                "182", "183", "184", "185", "186", "187", "188", "189", "199");
        return Combinators.combine(prefix, Arbitraries.strings().numeric().ofLength(8)).as(String::concat);
    }

    private static final List<String[]> LOOK_ALIKES = List.of(
            "０１２３４５６７８９".split(""), "٠١٢٣٤٥٦٧٨٩".split(""), "۰۱۲۳۴۵۶۷۸۹".split(""),
            "०१२३४५६७८९".split(""),
            MATH_DIGITS.codePoints().mapToObj(Character::toString).toArray(String[]::new));

    private static String withLookAlikeDigit(String digits) {
        int at = Math.floorMod(digits.hashCode(), digits.length());
        String[] script = LOOK_ALIKES.get(Math.floorMod(digits.hashCode() >> 4, LOOK_ALIKES.size()));
        int digit = digits.charAt(at) - '0';
        String replacement = script[digit % script.length];
        return digits.substring(0, at) + replacement + digits.substring(at + 1);
    }

    // ---- caller ids, clue ids -------------------------------------------------------------

    @Property(tries = 1000)
    void aCallerIdIsTakenAsSentOrRefusedNamingItsField(@ForAll("hostile") String raw) {
        String id = acceptedOrRefused(() -> CallerIds.required(FIELD, raw));
        if (id != null) {
            assertThat(id).isEqualTo(raw).matches("[A-Za-z0-9._:-]{1,64}");
        }
        ClueId clueId = refusedAs("clueId", () -> new ClueId(raw));
        if (clueId != null) {
            assertThat(clueId.value()).isEqualTo(raw);
            assertThat(new ClueId(clueId.toString())).isEqualTo(clueId);
        }
    }

    @Property(tries = 500)
    void everyIdOfTheAllowedAlphabetUpTo64CharactersIsAccepted(
            @ForAll("callerIdAlphabet") String id) {
        assertThat(CallerIds.required(FIELD, id)).isEqualTo(id);
        assertThat(new ClueId(id).value()).isEqualTo(id);
    }

    @Provide
    Arbitrary<String> callerIdAlphabet() {
        return Arbitraries.strings().withChars("ABCXYZabcxyz0123456789._:-").ofMinLength(1).ofMaxLength(64);
    }

    // ---- codes ---------------------------------------------------------------------------

    private static final List<Class<? extends Enum<?>>> CODES = List.of(FraudCategory.class, RiskLevel.class,
            ClueChannel.class, AgeGroup.class, Outcome.class, Rung.class, CountermeasureType.class, Relation.class,
            ConsentForm.class, ContactMethod.class, FamilyContactResult.class, HomeVisitResult.class,
            LiftReason.class, CallResult.class);

    @Property(tries = 2000)
    void aCodeIsOneOfTheConstantsOrRefusedWithAPrintableBoundedMessage(
            @ForAll("hostile") String raw, @ForAll @IntRange(max = 13) int which) {
        Enum<?> parsed = acceptedOrRefused(() -> parse(CODES.get(which), raw));
        if (parsed != null) {
            assertThat(parsed.name()).isEqualTo(raw);
        }
    }

    @Property(tries = 300)
    void everyCodeParsesToItsConstantAndNoOtherSpellingDoes(@ForAll @IntRange(max = 13) int which,
                                                             @ForAll @IntRange(max = 3) int variant) {
        for (Enum<?> constant : CODES.get(which).getEnumConstants()) {
            String name = constant.name();
            assertThat(parse(CODES.get(which), name)).isSameAs(constant);
            String spelling = switch (variant) {
                case 0 -> name.toLowerCase();
                case 1 -> " " + name;
                case 2 -> name + "\u200b";
                default -> fullWidth(name);
            };
            assertThatThrownBy(() -> parse(CODES.get(which), spelling))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(FIELD));
        }
        assertThat(AgeGroup.parseOptional(FIELD, null)).isNull();
        assertThat(AgeGroup.parseOptional(FIELD, " ")).isNull();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Enum<?> parse(Class<? extends Enum<?>> type, String code) {
        return Enums.parse((Class) type, FIELD, code);
    }

    private static String fullWidth(String ascii) {
        StringBuilder b = new StringBuilder();
        ascii.chars().forEach(c -> b.append(c == '_' ? '\uff3f' : (char) (c - 0x21 + 0xff01)));
        return b.toString();
    }

    // ---- amounts -------------------------------------------------------------------------

    @Property(tries = 1000)
    void anAmountIsAWholePositiveNumberOfFenUpToTheCeilingOrRefused(@ForAll("amounts") Long fen) {
        Long accepted = acceptedOrRefused(() -> Money.positive(FIELD, fen));
        assertThat(accepted != null).isEqualTo(fen != null && fen > 0 && fen <= Money.MAX_FEN);
    }

    @Provide
    Arbitrary<Long> amounts() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-10, 10),
                        Arbitraries.longs().between(Money.MAX_FEN - 2, Money.MAX_FEN + 2),
                        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L))
                .injectNull(0.05);
    }

    // ---- free text -----------------------------------------------------------------------

    @Property(tries = 1000)
    void personalTextIsKeptWithinItsLimitAndNeverPrinted(@ForAll("hostile") String raw) {
        PersonalText text = acceptedOrRefused(() -> PersonalText.of(FIELD, raw));
        if (text == null) {
            return;
        }
        assertThat(text.text().length()).isLessThanOrEqualTo(PersonalText.MAX_LENGTH);
        assertThat(text.text().chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))
                .isEmpty();
        if (!text.isEmpty() && !text.isErased()) {
            assertThat(text.toString()).doesNotContain(text.text());
        }
        assertThat(PersonalText.of(FIELD, text.text())).isEqualTo(text);
    }

    @Property(tries = 1000)
    void requiredTextIsNonBlankWithinItsLimitOrRefused(@ForAll("hostile") String raw,
                                                       @ForAll @IntRange(min = 1, max = 3000) int maxLength) {
        String text = acceptedOrRefused(() -> Texts.required(FIELD, raw, maxLength));
        if (text != null) {
            assertThat(text).isNotBlank().isEqualTo(text.strip());
            assertThat(text.length()).isLessThanOrEqualTo(maxLength);
        }
        acceptedOrRefused(() -> {
            Texts.check(FIELD, raw, maxLength);
            return Boolean.TRUE;
        });
    }

    @Property(tries = 300)
    void anActorIsRequired(@ForAll("hostile") String raw) {
        String actor = refusedAs("actor", () -> Actors.required(raw));
        if (actor != null) {
            assertThat(actor).isNotBlank();
        }
    }

    // ---- the rule of every property above ---------------------------------------------

    /** The value, or null when it was refused with an {@link InvalidValueException} naming {@link #FIELD}. */
    private static <T> T acceptedOrRefused(Supplier<T> parse) {
        return refusedAs(FIELD, parse);
    }

    private static <T> T refusedAs(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ").hasSizeLessThan(1000);
            assertThat(e.reason().chars().filter(Character::isISOControl)).isEmpty();
            return null;
        }
    }
}
