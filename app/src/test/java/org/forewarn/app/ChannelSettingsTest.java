package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings of the channels that would send something wrong, or nothing, stop the start and say why. */
class ChannelSettingsTest {

    @TempDir
    Path data;

    @Test
    void warningTextWithANumberToCallBackStopsTheStart() {
        assertThatThrownBy(() -> RunningApp.start(data,
                "--forewarn.texts.warning-sms.LOAN_SCAM=如需办理请回电 010-62345678").close())
                .hasStackTraceContaining("forewarn.texts.warning-sms.LOAN_SCAM: carries a number");
    }

    @Test
    void unknownChannelChoiceStopsTheStartNamingTheChoices() {
        assertThatThrownBy(() -> RunningApp.start(data, "--forewarn.channels.sms=twillio").close())
                .hasStackTraceContaining("forewarn.channels.sms must be outbox or twilio, not 'twillio'");
    }

    @Test
    void twilioWithoutItsAuthTokenStopsTheStart() {
        assertThatThrownBy(() -> RunningApp.start(data, "--forewarn.channels.sms=twilio",
                "--forewarn.twilio.account-sid=AC" + "0".repeat(32),
                "--forewarn.twilio.messaging-service-sid=MG" + "0".repeat(32),
                "--forewarn.twilio.webhook-base-url=https://forewarn.example.org").close())
                .hasStackTraceContaining("auth-token is required (set FOREWARN_TWILIO_AUTHTOKEN)");
    }
}
