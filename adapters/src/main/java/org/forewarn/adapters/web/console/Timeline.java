package org.forewarn.adapters.web.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.forewarn.adapters.mongo.CaseReadModel.HistoryEntry;
import org.springframework.context.MessageSource;

/**
 * Tells a case's history in plain language: each event becomes one sentence of the console's
 * language ({@code event.<Type>} in the message bundles) with its time in the shift's time zone.
 * A sentence's arguments are the actor ({@code {0}}) and the event fields listed here for its
 * type, in order; codes (rungs, outcomes, countermeasures, ...) are translated through their own
 * bundle keys, times are formatted, amounts in fen are shown in yuan. An event type the bundles
 * do not know yet is still shown, by its name.
 */
public class Timeline {

    /** The fields each sentence needs after the actor, as paths into the event's data. */
    private static final Map<String, List<String>> ARGUMENTS = Map.ofEntries(
            Map.entry("CaseOpened", List.of("clue.category", "clue.riskLevel", "clue.channel", "clue.source")),
            Map.entry("ClueMerged", List.of("clue.category", "caseRisk")),
            Map.entry("RungStarted", List.of("rung", "dueAt")),
            Map.entry("RungSkipped", List.of("fromRung", "toRung", "reason")),
            Map.entry("RungOverdue", List.of("rung", "dueAt")),
            Map.entry("ChannelFailed", List.of("rung", "failure")),
            Map.entry("StepFailed", List.of("rung", "step", "failure")),
            Map.entry("AutomatedCallCompleted", List.of("result")),
            Map.entry("OperatorCallRecorded", List.of("outcome", "lossAmountFen", "note")),
            Map.entry("CaseResolved", List.of("outcome", "lossAmountFen", "amountSavedFen")),
            Map.entry("CountermeasureProposed", List.of("type", "reason")),
            Map.entry("CountermeasureApproved", List.of("type", "note")),
            Map.entry("CountermeasureRejected", List.of("type", "note")),
            Map.entry("CountermeasureWithdrawn", List.of("type")),
            Map.entry("CountermeasureApplied", List.of("type")),
            Map.entry("CountermeasureLifted", List.of("type", "reason")),
            Map.entry("CountermeasureLiftRequested", List.of("type", "reason")),
            Map.entry("RelativeRegistered", List.of("relation", "number")),
            Map.entry("RelativeRemoved", List.of("reason")),
            Map.entry("FamilyContacted", List.of("method", "result")),
            Map.entry("HomeVisitRequested", List.of("dueBy")),
            Map.entry("HomeVisitReported", List.of("result", "visitedBy")),
            Map.entry("PersonalDataErased", List.of("reason")),
            Map.entry("CaseClaimed", List.of("operator", "until")),
            Map.entry("ClaimRenewed", List.of("operator", "until")),
            Map.entry("ClaimReleased", List.of("operator", "handoverNote")),
            Map.entry("CaseAssigned", List.of("operator", "note")),
            Map.entry("NoteAdded", List.of("text")));

    /** Fields whose value is a code with a bundle key of its own: {@code <prefix>.<CODE>}. */
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("category", "category"), Map.entry("riskLevel", "risk"), Map.entry("caseRisk", "risk"),
            Map.entry("channel", "channel"), Map.entry("rung", "rung"), Map.entry("fromRung", "rung"),
            Map.entry("toRung", "rung"), Map.entry("outcome", "outcome"), Map.entry("type", "countermeasure"),
            Map.entry("relation", "relation"), Map.entry("result", "result"), Map.entry("method", "method"));

    /** Fields of free text that end a sentence. */
    private static final java.util.Set<String> TEXTS = java.util.Set.of("note", "reason", "text", "handoverNote");

    private final MessageSource messages;
    private final ZoneId zone;

    public Timeline(MessageSource messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    /** One line of the timeline: when, what, and the event type (for styling and tests). */
    public record Line(String time, String sentence, String type) {
    }

    public List<Line> of(List<HistoryEntry> history, Locale locale) {
        List<Line> lines = new ArrayList<>(history.size());
        for (HistoryEntry e : history) {
            lines.add(new Line(time(e.occurredAt()), sentence(e, locale), e.type()));
        }
        return lines;
    }

    String sentence(HistoryEntry e, Locale locale) {
        List<Object> args = new ArrayList<>();
        args.add(actor(e.actor(), locale));
        for (String path : ARGUMENTS.getOrDefault(e.type(), List.of())) {
            args.add(shown(path, read(e.data(), path), locale));
        }
        String unknown = messages.getMessage("event.unknown", new Object[] {args.get(0), e.type()}, e.type(), locale);
        String key = "event." + e.type();
        // an outcome without amounts reads better without them: "recorded the call: Persuaded."
        if (e.data().get("lossAmountFen") == null && e.data().get("amountSavedFen") == null
                && messages.getMessage(key + ".noAmount", null, null, locale) != null) {
            key += ".noAmount";
        }
        return messages.getMessage(key, args.toArray(), unknown, locale);
    }

    /** Times in the shift's zone, to the second: the order of a fast ladder is in the seconds. */
    public String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atZone(zone));
    }

    public String label(String prefix, String code, Locale locale) {
        return code == null ? "" : messages.getMessage(prefix + "." + code, null, code, locale);
    }

    private String actor(String actor, Locale locale) {
        if (actor == null) {
            return messages.getMessage("actor.unknown", null, "?", locale);
        }
        if (actor.startsWith("system:")) {
            return messages.getMessage("actor.system", null, "system", locale);
        }
        return actor;
    }

    private Object shown(String path, Object value, Locale locale) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        if (value == null) {
            // a sentence ends with its free text: none is nothing, not a dash
            return TEXTS.contains(field) ? "" : messages.getMessage("value.none", null, "-", locale);
        }
        if (value instanceof Instant at) {
            return time(at);
        }
        if (field.endsWith("Fen") && value instanceof Number fen) {
            return yuan(fen.longValue());
        }
        String prefix = CODES.get(field);
        if (prefix != null && value instanceof String code) {
            return label(prefix, code, locale);
        }
        return String.valueOf(value);
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    @SuppressWarnings("unchecked")
    private static Object read(Map<String, Object> data, String path) {
        Object at = data;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = ((Map<String, Object>) map).get(part);
        }
        return at;
    }
}
