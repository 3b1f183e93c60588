package org.forewarn.adapters.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.forewarn.adapters.mongo.InProcessMongo;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxWarningSmsSenderTest {

    private static final PhoneNumber TO = PhoneNumber.parse("to", "13800138000");

    private static final String PERSON = "p-1";

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private OutboxWarningSmsSender sender;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo(dir);
        sender = new OutboxWarningSmsSender(mongo.database(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void sameAttemptSentTwiceIsWrittenOnceAndAnsweredWithTheFirstReceipt() {
        SmsReceipt first = sender.send(new WarningSms("case-1:send_warning_sms", PERSON, "case-1", TO, "warning"));
        SmsReceipt second = sender.send(new WarningSms("case-1:send_warning_sms", PERSON, "case-1", TO, "warning"));

        assertThat(second).isEqualTo(first);
        assertThat(first.provider()).isEqualTo("outbox");
        assertThat(mongo.database().getCollection(OutboxWarningSmsSender.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneAttemptWriteOneMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SmsReceipt>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(() -> sender.send(new WarningSms("case-2:send_warning_sms", PERSON, "case-2", TO, "warning")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<SmsReceipt> f : pool.invokeAll(sends)) {
                ids.add(f.get().messageId());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(mongo.database().getCollection(OutboxWarningSmsSender.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void differentAttemptsAreDifferentMessages() {
        SmsReceipt a = sender.send(new WarningSms("case-3:send_warning_sms", PERSON, "case-3", TO, "warning"));
        SmsReceipt b = sender.send(new WarningSms("case-4:send_warning_sms", PERSON, "case-4", TO, "warning"));
        assertThat(a.messageId()).isNotEqualTo(b.messageId());
    }
}
