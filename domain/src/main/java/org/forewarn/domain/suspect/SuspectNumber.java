package org.forewarn.domain.suspect;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.forewarn.domain.Actors;
import org.forewarn.domain.CallerIds;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.SuspectIds;
import org.forewarn.domain.Texts;
import org.forewarn.domain.suspect.api.AppealDismissed;
import org.forewarn.domain.suspect.api.AppealFiled;
import org.forewarn.domain.suspect.api.AppealUpheld;
import org.forewarn.domain.suspect.api.DecideAppeal;
import org.forewarn.domain.suspect.api.FileAppeal;
import org.forewarn.domain.suspect.api.HolderDelisted;
import org.forewarn.domain.suspect.api.HolderListed;
import org.forewarn.domain.suspect.api.InterceptNumber;
import org.forewarn.domain.suspect.api.InterceptionLifted;
import org.forewarn.domain.suspect.api.LinkedAccountsReported;
import org.forewarn.domain.suspect.api.ListHolderAsBadCredit;
import org.forewarn.domain.suspect.api.NumberIntercepted;
import org.forewarn.domain.suspect.api.NumberTerminated;
import org.forewarn.domain.suspect.api.RecordReverificationResult;
import org.forewarn.domain.suspect.api.RecordSuspectEvidence;
import org.forewarn.domain.suspect.api.ReportLinkedAccounts;
import org.forewarn.domain.suspect.api.RequestReverification;
import org.forewarn.domain.suspect.api.ReverificationFailed;
import org.forewarn.domain.suspect.api.ReverificationPassed;
import org.forewarn.domain.suspect.api.ReverificationRequested;
import org.forewarn.domain.suspect.api.ReverificationWaived;
import org.forewarn.domain.suspect.api.ServiceRestored;
import org.forewarn.domain.suspect.api.SuspectEvidenceRecorded;
import org.forewarn.domain.suspect.api.TerminateNumber;

/**
 * One suspect number, identified by the keyed hash of the number ({@code s-…}). Owns the rules of
 * what is known and done about it: evidence counted once per clue and victims once each;
 * restrictions (interception, re-verification, termination, the holder's bad-credit listing)
 * that are not imposed twice; the major ones decided by a human; and an appeal, one at a time,
 * decided by a human other than the one who filed it, which when upheld lifts every restriction
 * in force. A request retried with the same request id changes nothing.
 */
public class SuspectNumber {

    private static final int MAX_REASON = 2000;
    private static final int MAX_PLATFORM = 64;
    private static final int MAX_ACCOUNT_REFS = 50;
    private static final int MAX_ACCOUNT_REF = 128;
    private static final int MIN_LISTING_YEARS = 1;
    private static final int MAX_LISTING_YEARS = 5;

    private enum Reverification { NONE, PENDING, FAILED }

    private record Appeal(String filedBy, boolean open) {
    }

    @AggregateIdentifier
    private String suspectId;
    private final Set<String> cluesSeen = new HashSet<>();
    private final Set<String> victims = new HashSet<>();
    private final Map<FraudCategory, Integer> categoriesSeen = new EnumMap<>(FraudCategory.class);
    private Instant firstSeen;
    private Instant lastSeen;

    private boolean intercepted;
    private boolean terminated;
    private Reverification reverification = Reverification.NONE;
    private LocalDate listedUntil;

    private final Map<String, Appeal> appeals = new HashMap<>();
    private String openAppealId;

    /**
     * Each request id handled, with the command it came with: a retry of that command changes
     * nothing, but the same id on another command is a caller's mistake that must not silently
     * swallow a disposition.
     */
    private final Map<String, String> requestsHandled = new HashMap<>();

    protected SuspectNumber() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordSuspectEvidence command) {
        if (!SuspectIds.isSuspectId(command.suspectId())) {
            throw new InvalidValueException("suspectId", "must be s- followed by 32 lower-case hex digits");
        }
        String clueId = CallerIds.required("clueId", command.clueId());
        if (cluesSeen.contains(clueId)) {
            return;
        }
        PhoneNumber number = required("number", command.number());
        String victim = CallerIds.required("victimPersonId", command.victimPersonId());
        FraudCategory category = required("category", command.category());
        Instant seenAt = required("seenAt", command.seenAt());
        String actor = Actors.required(command.actor());
        boolean newVictim = !victims.contains(victim);
        int victimsReached = victims.size() + (newVictim ? 1 : 0);
        apply(new SuspectEvidenceRecorded(command.suspectId(), number, clueId, victim, category, seenAt, newVictim,
                victimsReached, actor));
    }

    @CommandHandler
    public void handle(InterceptNumber command) {
        if (isRetry(command.requestId(), InterceptNumber.class)) {
            return;
        }
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        if (intercepted) {
            throw new DomainRuleViolation("the number is already intercepted");
        }
        apply(new NumberIntercepted(suspectId, command.requestId(), reason, actor));
    }

    @CommandHandler
    public void handle(RequestReverification command) {
        if (isRetry(command.requestId(), RequestReverification.class)) {
            return;
        }
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        if (reverification == Reverification.PENDING) {
            throw new DomainRuleViolation("a re-verification is already pending");
        }
        apply(new ReverificationRequested(suspectId, command.requestId(), reason, actor));
    }

    @CommandHandler
    public void handle(RecordReverificationResult command) {
        if (isRetry(command.requestId(), RecordReverificationResult.class)) {
            return;
        }
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        if (reverification != Reverification.PENDING) {
            throw new DomainRuleViolation("no re-verification is pending, so there is no result to record");
        }
        apply(command.passed()
                ? new ReverificationPassed(suspectId, command.requestId(), reason, actor)
                : new ReverificationFailed(suspectId, command.requestId(), reason, actor));
    }

    @CommandHandler
    public void handle(TerminateNumber command) {
        if (isRetry(command.requestId(), TerminateNumber.class)) {
            return;
        }
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        requireHuman(actor, "a termination");
        if (terminated) {
            throw new DomainRuleViolation("the number is already terminated");
        }
        apply(new NumberTerminated(suspectId, command.requestId(), reason, actor));
    }

    @CommandHandler
    public void handle(ListHolderAsBadCredit command) {
        if (isRetry(command.requestId(), ListHolderAsBadCredit.class)) {
            return;
        }
        Period period = listingPeriod(command.period());
        LocalDate listedOn = required("listedOn", command.listedOn());
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        requireHuman(actor, "a bad-credit listing");
        if (listedUntil != null && listedOn.isBefore(listedUntil)) {
            throw new DomainRuleViolation("the holder is already listed until " + listedUntil);
        }
        apply(new HolderListed(suspectId, command.requestId(), period, listedOn, listedOn.plus(period), reason,
                actor));
    }

    @CommandHandler
    public void handle(ReportLinkedAccounts command) {
        if (isRetry(command.requestId(), ReportLinkedAccounts.class)) {
            return;
        }
        String platform = Texts.required("platform", command.platform(), MAX_PLATFORM);
        List<PersonalText> accountRefs = accountRefs(command.accountRefs());
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        apply(new LinkedAccountsReported(suspectId, command.requestId(), platform, accountRefs, reason, actor));
    }

    @CommandHandler
    public void handle(FileAppeal command) {
        if (isRetry(command.requestId(), FileAppeal.class)) {
            return;
        }
        String appealId = CallerIds.required("appealId", command.appealId());
        PersonalText grounds = grounds(command.grounds());
        String actor = Actors.required(command.actor());
        if (appeals.containsKey(appealId)) {
            throw new DomainRuleViolation("appeal " + appealId + " was filed before");
        }
        if (openAppealId != null) {
            throw new DomainRuleViolation("appeal " + openAppealId + " is still open; only one appeal at a time");
        }
        if (!isRestricted()) {
            throw new DomainRuleViolation("no restriction is in force on this number, so there is nothing to appeal");
        }
        apply(new AppealFiled(suspectId, command.requestId(), appealId, grounds, actor));
    }

    @CommandHandler
    public void handle(DecideAppeal command) {
        if (isRetry(command.requestId(), DecideAppeal.class)) {
            return;
        }
        String appealId = CallerIds.required("appealId", command.appealId());
        String reason = reason(command.reason());
        String actor = Actors.required(command.actor());
        Appeal appeal = appeals.get(appealId);
        if (appeal == null) {
            throw DomainRuleViolation.notFound("no appeal " + appealId + " was filed for this number");
        }
        requireHuman(actor, "an appeal");
        if (appeal.filedBy().equals(actor)) {
            throw DomainRuleViolation.forbidden(
                    "appeal " + appealId + " was filed by " + actor + ", who cannot also decide it");
        }
        if (!appeal.open()) {
            throw new DomainRuleViolation("appeal " + appealId + " was already decided");
        }
        if (!command.uphold()) {
            apply(new AppealDismissed(suspectId, command.requestId(), appealId, reason, actor));
            return;
        }
        List<Object> lifts = new ArrayList<>();
        if (intercepted) {
            lifts.add(new InterceptionLifted(suspectId, appealId, actor));
        }
        if (terminated) {
            lifts.add(new ServiceRestored(suspectId, appealId, actor));
        }
        if (reverification != Reverification.NONE) {
            lifts.add(new ReverificationWaived(suspectId, appealId, actor));
        }
        if (listedUntil != null) {
            lifts.add(new HolderDelisted(suspectId, appealId, actor));
        }
        apply(new AppealUpheld(suspectId, command.requestId(), appealId, reason, actor));
        lifts.forEach(lift -> apply(lift));
    }

    /**
     * Whether any restriction is in force. A listing counts until it is lifted or replaced: the
     * aggregate has no clock to tell that it ran out.
     */
    private boolean isRestricted() {
        return intercepted || terminated || reverification != Reverification.NONE || listedUntil != null;
    }

    /** @return true when this request was handled before, so that its retry changes nothing */
    private boolean isRetry(String requestId, Class<?> command) {
        CallerIds.required("requestId", requestId);
        String earlier = requestsHandled.get(requestId);
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(command.getSimpleName())) {
            throw new DomainRuleViolation("request " + requestId + " was already used for " + earlier);
        }
        return true;
    }

    private static void requireHuman(String actor, String what) {
        if (!Actors.isHuman(actor)) {
            throw DomainRuleViolation.forbidden(what + " must be decided by a human, not " + actor);
        }
    }

    private static String reason(String reason) {
        return Texts.required("reason", reason, MAX_REASON);
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** Whole years only: P24M is read as two years, P18M is refused. */
    private static Period listingPeriod(Period period) {
        required("period", period);
        Period years = period.normalized();
        if (years.getDays() != 0 || years.getMonths() != 0
                || years.getYears() < MIN_LISTING_YEARS || years.getYears() > MAX_LISTING_YEARS) {
            throw new InvalidValueException("period", "must be " + MIN_LISTING_YEARS + " to " + MAX_LISTING_YEARS
                    + " whole years, not " + period);
        }
        return years;
    }

    private static List<PersonalText> accountRefs(List<PersonalText> refs) {
        if (refs == null || refs.isEmpty() || refs.size() > MAX_ACCOUNT_REFS) {
            throw new InvalidValueException("accountRefs",
                    "must hold 1 to " + MAX_ACCOUNT_REFS + " account references");
        }
        List<PersonalText> checked = new ArrayList<>(refs.size());
        for (PersonalText ref : refs) {
            if (ref == null || ref.text().isBlank()) {
                throw new InvalidValueException("accountRefs", "must not hold a blank account reference");
            }
            Texts.check("accountRefs", ref.text(), MAX_ACCOUNT_REF);
            checked.add(new PersonalText(ref.text().strip()));
        }
        return List.copyOf(checked);
    }

    private static PersonalText grounds(PersonalText grounds) {
        return new PersonalText(Texts.required("grounds", grounds == null ? null : grounds.text(),
                PersonalText.MAX_LENGTH));
    }

    @EventSourcingHandler
    void on(SuspectEvidenceRecorded event) {
        suspectId = event.suspectId();
        cluesSeen.add(event.clueId());
        victims.add(event.victimPersonId());
        categoriesSeen.merge(event.category(), 1, Integer::sum);
        // clues may arrive out of the order in which they were seen
        if (firstSeen == null || event.seenAt().isBefore(firstSeen)) {
            firstSeen = event.seenAt();
        }
        if (lastSeen == null || event.seenAt().isAfter(lastSeen)) {
            lastSeen = event.seenAt();
        }
    }

    @EventSourcingHandler
    void on(NumberIntercepted event) {
        handled(event.requestId(), InterceptNumber.class);
        intercepted = true;
    }

    @EventSourcingHandler
    void on(ReverificationRequested event) {
        handled(event.requestId(), RequestReverification.class);
        reverification = Reverification.PENDING;
    }

    @EventSourcingHandler
    void on(ReverificationPassed event) {
        handled(event.requestId(), RecordReverificationResult.class);
        reverification = Reverification.NONE;
    }

    @EventSourcingHandler
    void on(ReverificationFailed event) {
        handled(event.requestId(), RecordReverificationResult.class);
        reverification = Reverification.FAILED;
    }

    @EventSourcingHandler
    void on(NumberTerminated event) {
        handled(event.requestId(), TerminateNumber.class);
        terminated = true;
    }

    @EventSourcingHandler
    void on(HolderListed event) {
        handled(event.requestId(), ListHolderAsBadCredit.class);
        listedUntil = event.listedUntil();
    }

    @EventSourcingHandler
    void on(LinkedAccountsReported event) {
        handled(event.requestId(), ReportLinkedAccounts.class);
    }

    @EventSourcingHandler
    void on(AppealFiled event) {
        handled(event.requestId(), FileAppeal.class);
        appeals.put(event.appealId(), new Appeal(event.actor(), true));
        openAppealId = event.appealId();
    }

    @EventSourcingHandler
    void on(AppealUpheld event) {
        handled(event.requestId(), DecideAppeal.class);
        closeAppeal(event.appealId());
    }

    @EventSourcingHandler
    void on(AppealDismissed event) {
        handled(event.requestId(), DecideAppeal.class);
        closeAppeal(event.appealId());
    }

    @EventSourcingHandler
    void on(InterceptionLifted event) {
        intercepted = false;
    }

    @EventSourcingHandler
    void on(ServiceRestored event) {
        terminated = false;
    }

    @EventSourcingHandler
    void on(ReverificationWaived event) {
        reverification = Reverification.NONE;
    }

    @EventSourcingHandler
    void on(HolderDelisted event) {
        listedUntil = null;
    }

    private void handled(String requestId, Class<?> command) {
        requestsHandled.put(requestId, command.getSimpleName());
    }

    private void closeAppeal(String appealId) {
        appeals.computeIfPresent(appealId, (id, appeal) -> new Appeal(appeal.filedBy(), false));
        openAppealId = null;
    }

    // The evidence figures below are for the tests; read models take them from the events.

    int victimsReached() {
        return victims.size();
    }

    Map<FraudCategory, Integer> categoriesSeen() {
        return Collections.unmodifiableMap(categoriesSeen);
    }

    Instant firstSeen() {
        return firstSeen;
    }

    Instant lastSeen() {
        return lastSeen;
    }
}
