package org.forewarn.domain.script;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
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
import org.forewarn.domain.Texts;
import org.forewarn.domain.script.api.CallScriptEdited;
import org.forewarn.domain.script.api.EditCallScript;

/**
 * The operators' call script of one fraud category, every version kept: only a person edits it,
 * the text is plain (no personal data: a script speaks to anyone), numbered versions from 1, and
 * the same text again or the same request again is no new version. Before its first version the
 * script is the configured default, which lives outside the event store.
 */
public class CallScript {

    public static final int MAX_LENGTH = 4000;
    private static final String PREFIX = "call-script:";

    @AggregateIdentifier
    private String scriptId;
    private int version;
    private String text;
    private final Map<String, Integer> versionOfRequest = new HashMap<>();

    protected CallScript() {
        // for Axon
    }

    /** The aggregate id of a category's script; its own prefix keeps it apart from person and suspect ids. */
    public static String idOf(FraudCategory category) {
        return PREFIX + category.name();
    }

    /** Answers the version the script is at after the command. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(EditCallScript command) {
        CallerIds.required("requestId", command.requestId());
        Integer earlier = versionOfRequest.get(command.requestId());
        if (earlier != null) {
            return earlier;
        }
        if (command.category() == null) {
            throw new InvalidValueException("category", "is required");
        }
        if (!idOf(command.category()).equals(command.scriptId())) {
            throw new InvalidValueException("scriptId", "must be " + idOf(command.category()));
        }
        Actors.required(command.actor());
        if (!Actors.isHuman(command.actor())) {
            throw DomainRuleViolation.forbidden("a call script is written by a supervisor; " + command.actor()
                    + " is not a person");
        }
        String newText = Texts.required("text", command.text(), MAX_LENGTH);
        if (newText.equals(text)) {
            return version; // nothing to tell the operators that they do not have
        }
        apply(new CallScriptEdited(command.scriptId(), command.category(), command.requestId(), version + 1, newText,
                command.actor()));
        return version;
    }

    @EventSourcingHandler
    void on(CallScriptEdited event) {
        scriptId = event.scriptId();
        version = event.version();
        text = event.text();
        versionOfRequest.put(event.requestId(), event.version());
    }
}
