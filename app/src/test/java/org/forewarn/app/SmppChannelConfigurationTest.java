package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.forewarn.adapters.channels.SendLedger;
import java.time.Duration;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.adapters.smpp.SmppFlashWarningSender;
import org.forewarn.adapters.smpp.SmscConnection;
import org.forewarn.adapters.smpp.TestSmsc;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code forewarn.channels.flash=smpp}: what the configuration builds, and when it refuses to start. */
class SmppChannelConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(SmppChannelConfiguration.class)
                .withBean(javax.sql.DataSource.class, () -> TestDatabases.h2(dir))
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(SendLedger.class, () -> new SendLedger(TestDatabases.h2(dir), Clock.systemUTC(),
                        SendLedger.DEFAULT_LEASE))
                // a real gateway on an empty bus: these tests send no receipt
                .withBean(CommandGateway.class, () -> DefaultCommandGateway.builder()
                        .commandBus(SimpleCommandBus.builder().build()).build())
                .withPropertyValues("forewarn.channels.flash=smpp", "forewarn.smpp.system-id=" + TestSmsc.SYSTEM_ID,
                        "forewarn.smpp.response-timeout=PT2S", "forewarn.smpp.rebind-initial-backoff=PT0.1S");
    }

    private static FlashWarning flash() {
        return new FlashWarning("case-1:flash_warning", "p-1", "case-1", PhoneNumber.parse("to", "13800138000"),
                "【反诈预警】请立即停止转账。");
    }

    @Test
    void smppWithoutPasswordRefusesToStartAndSaysWhere() {
        runner().withPropertyValues("forewarn.smpp.host=127.0.0.1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("FOREWARN_SMPP_PASSWORD");
        });
    }

    @Test
    void passwordLongerThanSmppAllowsRefusesToStartWithoutShowingIt() {
        runner().withPropertyValues("forewarn.smpp.host=127.0.0.1", "forewarn.smpp.password=longer-secret")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("8 characters")
                            .hasMessageNotContaining("longer-secret");
                });
    }

    @Test
    void smppWithoutHostRefusesToStartAndSaysWhere() {
        runner().withPropertyValues("forewarn.smpp.password=secret").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("forewarn.smpp.host");
        });
    }

    @Test
    void unreachableSmscLetsTheApplicationStartAndTheSenderAnswersUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        runner().withPropertyValues("forewarn.smpp.host=127.0.0.1", "forewarn.smpp.port=" + closedPort,
                "forewarn.smpp.password=secret").run(context -> {
            assertThat(context).hasNotFailed();
            FlashWarningSender sender = context.getBean(FlashWarningSender.class);
            assertThat(sender).isInstanceOf(SmppFlashWarningSender.class);
            assertThatThrownBy(() -> sender.send(flash())).isInstanceOf(CounterpartUnavailable.class);
        });
    }

    @Test
    void boundAtStartSendsThroughTheSmscAndUnbindsAtShutdown() {
        try (TestSmsc smsc = TestSmsc.start("secret")) {
            runner().withPropertyValues("forewarn.smpp.host=127.0.0.1", "forewarn.smpp.port=" + smsc.port(),
                    "forewarn.smpp.password=secret").run(context -> {
                assertThat(context.getBean(SmscConnection.class).isBound()).isTrue();
                assertThat(context.getBean(FlashWarningSender.class).send(flash()).provider()).isEqualTo("smsc");
                assertThat(smsc.submits()).hasSize(1);
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> smsc.unbinds() == 1);
        }
    }
}
