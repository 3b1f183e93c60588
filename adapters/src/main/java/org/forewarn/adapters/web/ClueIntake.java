package org.forewarn.adapters.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.PersonIds;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpening;
import org.forewarn.domain.person.api.OpenCase;

/**
 * Takes a clue in from a platform: validates every field (collecting all errors at once),
 * derives the person's id from the victim's number, and sends {@link OpenCase}. Two writers
 * racing on one person (two app nodes) make one of them lose on the event store's unique key;
 * that one retries and is then answered from the winner's events.
 */
public class ClueIntake {

    /** A clue is about something happening now: not dated ahead of our clock beyond this skew. */
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(10);
    /** ... and not older than this. */
    static final Duration MAX_AGE = Duration.ofDays(365);
    static final int MAX_SOURCE = 64;
    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final PersonIds personIds;
    private final Clock clock;
    private final Supplier<String> caseIds;

    public ClueIntake(CommandGateway commands, PersonIds personIds, Clock clock) {
        this(commands, personIds, clock, () -> "case-" + UUID.randomUUID());
    }

    ClueIntake(CommandGateway commands, PersonIds personIds, Clock clock, Supplier<String> caseIds) {
        this.commands = commands;
        this.personIds = personIds;
        this.clock = clock;
        this.caseIds = caseIds;
    }

    public CaseOpening takeIn(ClueRequest request, String actor) {
        Clue clue = validate(request);
        OpenCase command = new OpenCase(personIds.of(clue.victimNumber()), caseIds.get(), clue, actor);
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    Clue validate(ClueRequest r) {
        if (r == null) {
            throw new InvalidFields(List.of(new FieldError("body", "a JSON object with the clue is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        ClueId clueId = check(errors, () -> new ClueId(r.clueId()));
        PhoneNumber victim = check(errors, () -> PhoneNumber.parse("victimNumber", r.victimNumber()));
        PhoneNumber suspect = r.suspectNumber() == null || r.suspectNumber().isBlank() ? null
                : check(errors, () -> PhoneNumber.parse("suspectNumber", r.suspectNumber()));
        FraudCategory category = check(errors, () -> FraudCategory.parse("category", r.category()));
        RiskLevel risk = check(errors, () -> RiskLevel.parse("riskLevel", r.riskLevel()));
        Instant detectedAt = check(errors, () -> detectedAt(r.detectedAt()));
        ClueChannel channel = check(errors, () -> ClueChannel.parse("channel", r.channel()));
        String source = check(errors, () -> source(r.source()));
        AgeGroup ageGroup = check(errors, () -> AgeGroup.parseOptional("ageGroup", r.ageGroup()));
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return new Clue(clueId, victim, suspect, category, risk, detectedAt, channel, source, ageGroup);
    }

    private Instant detectedAt(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("detectedAt", "is required");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("detectedAt",
                    "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T08:00:00+08:00");
        }
        Instant now = clock.instant();
        if (at.isAfter(now.plus(MAX_FUTURE_SKEW))) {
            throw new InvalidValueException("detectedAt", "is in the future");
        }
        if (at.isBefore(now.minus(MAX_AGE))) {
            throw new InvalidValueException("detectedAt", "is more than " + MAX_AGE.toDays() + " days old");
        }
        return at;
    }

    private static String source(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("source", "is required");
        }
        if (text.length() > MAX_SOURCE || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("source",
                    "must be at most " + MAX_SOURCE + " characters, without control characters");
        }
        return text;
    }

    private static <T> T check(List<FieldError> errors, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            errors.add(new FieldError(e.field(), e.reason()));
            return null;
        }
    }
}
