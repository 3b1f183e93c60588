package org.forewarn.bpmn;

import java.util.List;

/**
 * The names that bind the models in this folder to the code: process ids, decision ids,
 * message names, job types and variable names. Workers, the bridge and the tests use these
 * constants, so renaming something in a model without renaming it here fails a test instead
 * of a case.
 */
public final class Processes {

    /** Classpath locations of every model the application deploys. */
    public static final List<String> RESOURCES = List.of(
            "bpmn/escalation-policy.dmn", "bpmn/dissuasion.bpmn", "bpmn/countermeasure.bpmn");

    /** One instance per case: the escalation ladder. */
    public static final String DISSUASION = "dissuasion";
    /** One instance per approved countermeasure: apply, wait, lift, notice. */
    public static final String COUNTERMEASURE = "countermeasure";
    /** The DMN decision that picks the plan of a case. */
    public static final String ESCALATION_POLICY = "escalation-policy";

    private Processes() {
    }

    /**
     * Message names the bridge publishes. Each carries a message id (the id of the event it
     * comes from, so a redelivered event publishes nothing new) and a time to live.
     */
    public static final class Messages {
        /** Starts {@link #DISSUASION}; message id and correlation key are the case id. */
        public static final String CASE_OPENED = "case-opened";
        /** Correlation key: case id. Interrupts the whole dissuasion process. */
        public static final String CASE_RESOLVED = "case-resolved";
        /** Correlation key: case id; variables: the raised {@code riskLevel} and the new clue's {@code channel}. */
        public static final String RISK_RAISED = "risk-raised";
        /** Correlation key: case id; variable {@code targetRung}. */
        public static final String RUNG_SKIPPED = "rung-skipped";
        /** Correlation key: case id. The warning SMS could not be delivered. */
        public static final String WARNING_SMS_FAILED = "warning-sms-failed";
        /** Correlation key: case id; variables {@code callResult}, {@code heardWarning}. */
        public static final String AUTOMATED_CALL_RESULT = "automated-call-result";
        /** Correlation key: case id; variable {@code outcome}. */
        public static final String CALL_OUTCOME = "call-outcome";
        /** Correlation key: case id; variable {@code familyResult}. */
        public static final String FAMILY_CONTACTED = "family-contacted";
        /** Correlation key: case id; variable {@code visitResult}. */
        public static final String HOME_VISIT_REPORTED = "home-visit-reported";
        /** Correlation key: case id; variables {@code countermeasureId}, {@code countermeasureType}. */
        public static final String COUNTERMEASURE_PROPOSED = "countermeasure-proposed";
        /** Correlation key: countermeasure id; variable {@code approved}. */
        public static final String COUNTERMEASURE_DECIDED = "countermeasure-decided";
        /** Correlation key: countermeasure id. Starts {@link #COUNTERMEASURE}. */
        public static final String COUNTERMEASURE_APPROVED = "countermeasure-approved";
        /** Correlation key: countermeasure id. The countermeasure is in force. */
        public static final String COUNTERMEASURE_APPLIED = "countermeasure-applied";
        /** Correlation key: countermeasure id; variable {@code liftReason}. */
        public static final String COUNTERMEASURE_LIFT = "countermeasure-lift";

        private Messages() {
        }
    }

    /** Job types served by workers. */
    public static final class JobTypes {
        /** Execution listener on the start of every rung: records {@code RungStarted}. */
        public static final String RUNG_STARTED = "rung-started";
        public static final String SEND_WARNING_SMS = "send-warning-sms";
        public static final String SEND_FLASH_WARNING = "send-flash-warning";
        public static final String PLACE_AUTOMATED_CALL = "place-automated-call";
        /** Start listener of every family-contact step: the warning SMS to each registered relative. */
        public static final String SEND_FAMILY_SMS = "send-family-sms";
        public static final String REQUEST_HOME_VISIT = "request-home-visit";
        /** The emergency branch's own proposal to cancel call forwarding. */
        public static final String PROPOSE_COUNTERMEASURE = "propose-countermeasure";
        /** A step passed its SLA: records {@code RungOverdue}. */
        public static final String FLAG_OVERDUE = "flag-overdue";
        public static final String APPLY_COUNTERMEASURE = "apply-countermeasure";
        public static final String LIFT_COUNTERMEASURE = "lift-countermeasure";
        public static final String SEND_COUNTERMEASURE_NOTICE = "send-countermeasure-notice";

        /** Every job type, for tests that check a worker serves each one. */
        public static final List<String> ALL = List.of(RUNG_STARTED, SEND_WARNING_SMS, SEND_FLASH_WARNING,
                PLACE_AUTOMATED_CALL, SEND_FAMILY_SMS, REQUEST_HOME_VISIT, PROPOSE_COUNTERMEASURE, FLAG_OVERDUE,
                APPLY_COUNTERMEASURE, LIFT_COUNTERMEASURE, SEND_COUNTERMEASURE_NOTICE);

        private JobTypes() {
        }
    }

    /**
     * Process variables. Only identifiers, classifications, plan fields and flags: never a phone
     * number, a name or a free text.
     */
    public static final class Variables {
        public static final String CASE_ID = "caseId";
        public static final String PERSON_ID = "personId";
        public static final String RISK_LEVEL = "riskLevel";
        public static final String CATEGORY = "category";
        public static final String CHANNEL = "channel";
        public static final String AGE_GROUP = "ageGroup";
        /** The DMN's answer: firstRung, parallel, familyBeforeCall, wait, operatorCallSla, familyContactSla, homeVisitSla, decisionSla. */
        public static final String PLAN = "plan";
        /** The rung the ladder is to enter next (a {@code Rung} name). */
        public static final String TARGET_RUNG = "targetRung";
        /** The rung the ladder is on (a {@code Rung} name). */
        public static final String CURRENT_RUNG = "currentRung";
        /** Local to a rung element: the rung it belongs to, read by the {@code rung-started} listener. */
        public static final String RUNG = "rung";
        /** Local to a rung element: when its work or wait is due (ISO date-time). */
        public static final String DUE_AT = "dueAt";
        /** Set by recovery: the deadline of the rung the ladder is re-opened at. */
        public static final String RESUME_DUE_AT = "resumeDueAt";
        /** True once a relative was contacted, so the ladder does not contact the family twice. */
        public static final String FAMILY_DONE = "familyDone";
        /** Set by recovery: the rung the ladder is re-opened at. */
        public static final String RESUME_RUNG = "resumeRung";
        /** The deadline of the current channel rung's wait (ISO date-time). */
        public static final String WAIT_UNTIL = "waitUntil";
        /** The deadline of the requested home visit (ISO date-time). */
        public static final String VISIT_DUE_AT = "visitDueAt";
        /** Local to a flag-overdue task: the element id of the overdue step. */
        public static final String STEP = "step";
        /** Counts proposals after rejections, so each round's steps have their own ids. */
        public static final String ROUND = "round";
        public static final String OUTCOME = "outcome";
        public static final String CALL_RESULT = "callResult";
        public static final String HEARD_WARNING = "heardWarning";
        public static final String FAMILY_RESULT = "familyResult";
        public static final String VISIT_RESULT = "visitResult";
        public static final String COUNTERMEASURE_ID = "countermeasureId";
        public static final String COUNTERMEASURE_TYPE = "countermeasureType";
        public static final String APPROVED = "approved";
        public static final String EXPIRES_AT = "expiresAt";
        public static final String LIFT_REASON = "liftReason";

        private Variables() {
        }
    }
}
