package org.forewarn.adapters.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.forewarn.adapters.mongo.CaseReadModel.HistoryEntry;
import org.forewarn.domain.person.api.PersonEvent;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class TimelineTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private final ResourceBundleMessageSource messages = bundles();
    private final Timeline timeline = new Timeline(messages, ZoneId.of("Asia/Shanghai"));

    @Test
    void everyEventOfAPersonHasASentenceInEnglishAndInChinese() throws Exception {
        List<String> types = personEventTypes();
        assertThat(types).contains("CaseOpened", "NumberRevealed", "ClaimReleased", "CountermeasureApproved");
        for (String type : types) {
            for (Locale locale : List.of(Locale.ENGLISH, ZH)) {
                assertThat(messages.getMessage("event." + type, null, null, locale))
                        .as("the sentence of %s in %s", type, locale).isNotNull();
            }
        }
    }

    @Test
    void aSentenceTranslatesCodesFormatsTimesInTheShiftsZoneAndShowsFenAsYuan() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", "LOSS_OCCURRED");
        data.put("lossAmountFen", 300050L);
        data.put("note", "转了三千");
        HistoryEntry entry = new HistoryEntry(7, "OperatorCallRecorded", Instant.parse("2026-11-22T08:00:00Z"),
                "operator", data);

        List<Timeline.Line> en = timeline.of(List.of(entry), Locale.ENGLISH);
        List<Timeline.Line> zh = timeline.of(List.of(entry), ZH);

        assertThat(en.get(0).time()).isEqualTo("2026-11-22 16:00:00");
        assertThat(en.get(0).sentence()).isEqualTo("operator recorded the call: Already paid (paid: 3000.50). 转了三千");
        assertThat(zh.get(0).sentence()).isEqualTo("operator 记录通话结果：已被骗（被骗金额：3000.50）。转了三千");
    }

    @Test
    void anOutcomeWithoutAmountsOrNoteReadsWithoutThemAndSystemActorsAreNamedSo() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", "PERSUADED");
        assertThat(timeline.sentence(new HistoryEntry(1, "OperatorCallRecorded", Instant.now(), "operator", data),
                Locale.ENGLISH)).isEqualTo("operator recorded the call: Persuaded. ");
        assertThat(timeline.sentence(new HistoryEntry(2, "WarningSmsSent", Instant.now(), "system:send-warning-sms",
                Map.of()), ZH)).isEqualTo("已发送 12381 预警短信。");
    }

    @Test
    void aStepTheEngineCouldNotCarryOutTellsTheShiftWhereTheLadderStopped() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rung", "FAMILY_CONTACT");
        data.put("step", "rung-started");
        data.put("failure", "IllegalStateException: event store unavailable");
        HistoryEntry entry = new HistoryEntry(3, "StepFailed", Instant.now(), "system:rung-started", data);

        assertThat(timeline.sentence(entry, Locale.ENGLISH)).isEqualTo("The ladder stopped at Family contact: its step "
                + "rung-started failed (IllegalStateException: event store unavailable). Take the case on by hand.");
        assertThat(timeline.sentence(entry, ZH)).isEqualTo(
                "预警流程停在亲情号码预警：步骤 rung-started 执行失败（IllegalStateException: event store unavailable），请人工接手。");
        data.put("rung", null);
        assertThat(timeline.sentence(entry, Locale.ENGLISH)).startsWith("The ladder stopped at \u2014: its step rung-started");
    }

    @Test
    void anEventTypeTheBundlesDoNotKnowIsShownByItsName() {
        assertThat(timeline.sentence(new HistoryEntry(1, "SomethingNew", Instant.now(), "operator", Map.of()),
                Locale.ENGLISH)).isEqualTo("SomethingNew (by operator)");
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("console/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** The event records of the person aggregate, found where the domain's classes are. */
    private static List<String> personEventTypes() throws Exception {
        URI location = PersonEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        List<String> types = new ArrayList<>();
        if (Files.isDirectory(root)) {
            collect(root.resolve("org/forewarn/domain/person/api"), types);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                collect(jar.getPath("org/forewarn/domain/person/api"), types);
            }
        }
        return types;
    }

    private static void collect(Path dir, List<String> types) throws IOException, ClassNotFoundException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName("org.forewarn.domain.person.api." + name.replace(".class", ""));
                    if (type.isRecord() && PersonEvent.class.isAssignableFrom(type)) {
                        types.add(type.getSimpleName());
                    }
                }
            }
        }
    }
}
