package org.forewarn.workflows.policy;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.forewarn.domain.Actors;
import org.forewarn.domain.Clue;
import org.forewarn.domain.SuspectIds;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.ClueMerged;
import org.forewarn.domain.suspect.api.RecordSuspectEvidence;

/**
 * Every clue that names a suspect number becomes evidence on that number's {@code SuspectNumber}.
 * The suspect aggregate ignores a clue it has already counted, so this policy may see an event
 * twice, or be replayed, without counting anything twice. A clue whose numbers were erased
 * (the victim's data was erased before a replay) is no longer evidence of anything.
 */
@ProcessingGroup(SuspectEvidencePolicy.PROCESSING_GROUP)
public class SuspectEvidencePolicy {

    public static final String PROCESSING_GROUP = "suspect-evidence";
    public static final String ACTOR = Actors.system("suspect-evidence");

    private final CommandGateway commands;
    private final SuspectIds suspectIds;

    public SuspectEvidencePolicy(CommandGateway commands, SuspectIds suspectIds) {
        this.commands = commands;
        this.suspectIds = suspectIds;
    }

    @EventHandler
    public void on(CaseOpened event) {
        record(event.personId(), event.clue());
    }

    @EventHandler
    public void on(ClueMerged event) {
        record(event.personId(), event.clue());
    }

    private void record(String personId, Clue clue) {
        if (clue.suspectNumber() == null || clue.suspectNumber().isErased()) {
            return;
        }
        commands.sendAndWait(new RecordSuspectEvidence(suspectIds.of(clue.suspectNumber()), clue.suspectNumber(),
                clue.clueId().value(), personId, clue.category(), clue.detectedAt(), ACTOR));
    }
}
