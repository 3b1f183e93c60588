package org.forewarn.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SuspectIdsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final PhoneNumber NUMBER = PhoneNumber.parse("suspectNumber", "13800138000");

    @Test
    void suspectIdIsAKeyedHashWithItsOwnPrefix() {
        String id = new SuspectIds(KEY).of(NUMBER);
        assertThat(id).matches("s-[0-9a-f]{32}").doesNotContain("13800138000");
        assertThat(SuspectIds.isSuspectId(id)).isTrue();
    }

    @Test
    void suspectIdIsStableForEverySpellingOfTheNumber() {
        assertThat(new SuspectIds(KEY).of(NUMBER))
                .isEqualTo(new SuspectIds(KEY.clone()).of(PhoneNumber.parse("suspectNumber", "+86 138-0013-8000")))
                .isEqualTo("s-382bab5f330ce7f5100d9ad6d68a9aa3");
    }

    @Test
    void suspectIdDependsOnTheKey() {
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes();
        assertThat(new SuspectIds(KEY).of(NUMBER)).isNotEqualTo(new SuspectIds(otherKey).of(NUMBER));
    }

    @Test
    void suspectIdCannotBeLinkedToThePersonIdOfTheSameNumberAndKey() {
        String suspectId = new SuspectIds(KEY).of(NUMBER);
        String personId = new PersonIds(KEY).of(NUMBER);
        assertThat(suspectId.substring(2)).isNotEqualTo(personId.substring(2));
        assertThat(SuspectIds.isSuspectId(personId)).isFalse();
    }

    @Test
    void personIdsStayWhatTheyWereBeforeSuspectIdsExisted() {
        // HMAC-SHA256 of the bare E.164 number, as person ids already in the event store were made
        assertThat(new PersonIds(KEY).of(NUMBER)).isEqualTo("p-bdd1ee569ac57355604173d9ba4d36cd");
    }

    @Test
    void shortKeyIsRefused() {
        assertThatThrownBy(() -> new SuspectIds(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the suspect-id key must have at least 32 bytes");
    }
}
