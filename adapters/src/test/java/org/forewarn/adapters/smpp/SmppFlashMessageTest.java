package org.forewarn.adapters.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a text becomes the short_message of its parts: data coding, part sizes, pairs never cut. */
class SmppFlashMessageTest {

    @Test
    void gsm7TextOf160SeptetsIsOneMessageAnd161AreTwoParts() {
        assertThat(FlashMessage.of("a".repeat(160), 7).parts()).hasSize(1);
        FlashMessage two = FlashMessage.of("a".repeat(161), 7);
        assertThat(two.parts()).hasSize(2);
        assertThat(two.parts().get(0)).hasSize(6 + FlashMessage.PART_SEPTETS);
        assertThat(two.text()).isEqualTo("a".repeat(161));
    }

    @Test
    void extensionCharacterIsNeverCutFromItsEscapeAtAPartBoundary() {
        String text = "a".repeat(FlashMessage.PART_SEPTETS - 1) + "€" + "b".repeat(20);

        FlashMessage message = FlashMessage.of(text, 1);

        assertThat(message.dataCoding()).isEqualTo(FlashMessage.GSM7_CLASS0);
        assertThat(message.parts().get(0)).as("the escape moved to the next part")
                .hasSize(6 + FlashMessage.PART_SEPTETS - 1);
        assertThat(message.text()).isEqualTo(text);
    }

    @Test
    void surrogatePairIsNeverCutAtAPartBoundary() {
        String text = "预".repeat(FlashMessage.PART_UCS2_CHARS - 1) + "😀" + "警".repeat(10);

        FlashMessage message = FlashMessage.of(text, 200);

        assertThat(message.dataCoding()).isEqualTo(FlashMessage.UCS2_CLASS0);
        assertThat(message.parts().get(0)).hasSize(6 + 2 * (FlashMessage.PART_UCS2_CHARS - 1));
        assertThat(message.parts()).allSatisfy(part -> assertThat(part[3]).isEqualTo((byte) 200));
        assertThat(message.text()).isEqualTo(text);
    }

    @Test
    void oneCharacterOutsideTheGsmAlphabetMakesTheWholeTextUcs2() {
        FlashMessage message = FlashMessage.of("Stop now — do not pay", 0);

        assertThat(message.dataCoding()).isEqualTo(FlashMessage.UCS2_CLASS0);
        assertThat(message.text()).isEqualTo("Stop now — do not pay");
    }
}
