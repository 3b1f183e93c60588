package org.forewarn.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource({
            "+8613800138000, +8613800138000",
            "13800138000, +8613800138000",
            "138 0013 8000, +8613800138000",
            "+86 138-0013-8000, +8613800138000",
            "008613800138000, +8613800138000",
            "0571-87654321, +8657187654321",
            "(010) 62345678, +861062345678",
            "+86-138-0013-8000, +8613800138000",
            "0086 571 8765 4321, +8657187654321",
            "+14155552671, +14155552671",
            "001 415 555 2671, +14155552671",
            "447911123456, +447911123456"
    })
    void normalisesWhatPlatformsPushToE164(String raw, String e164) {
        assertThat(PhoneNumber.parse("victimNumber", raw).e164()).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "abc", "12345", "+0123456789", "+861380013800012345",
            "１３８００１３８０００",          // full-width digits that look like ASCII ones
            "١٣٨٠٠١٣٨٠٠٠",                  // Arabic-Indic digits
            "138001380000\u0000", "+86138001380+00", "+8612800138000", "+86138001380"
    })
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertThatThrownBy(() -> PhoneNumber.parse("victimNumber", raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("victimNumber: ")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("victimNumber"));
    }

    @Test
    void anErasedNumberReadsAsErasedAndMasksAsErased() {
        assertThat(PhoneNumber.ERASED.isErased()).isTrue();
        assertThat(PhoneNumber.ERASED.masked()).isEqualTo("[erased]");
        assertThat(PhoneNumber.parse("victimNumber", "13800138000").isErased()).isFalse();
    }

    @Test
    void neverPrintsTheWholeNumber() {
        PhoneNumber number = PhoneNumber.parse("victimNumber", "13800138000");
        assertThat(number.toString()).isEqualTo("+86138****8000").doesNotContain("13800138000");
        assertThat(number.masked()).isEqualTo("+86138****8000");
    }

    @Test
    void personIdIsAKeyedHashThatHidesTheNumber() {
        PersonIds ids = new PersonIds("0123456789abcdef0123456789abcdef".getBytes());
        PersonIds otherKey = new PersonIds("fedcba9876543210fedcba9876543210".getBytes());
        PhoneNumber number = PhoneNumber.parse("victimNumber", "13800138000");
        assertThat(ids.of(number)).matches("p-[0-9a-f]{32}")
                                  .isEqualTo(ids.of(PhoneNumber.parse("victimNumber", "+86 138 0013 8000")))
                                  .isNotEqualTo(otherKey.of(number))
                                  .doesNotContain("13800138000");
    }
}
