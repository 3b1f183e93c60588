package org.forewarn.bpmn;

import java.util.List;

/**
 * The names that bind the models in this folder to the code: process ids, message names, job
 * types and variable names. Workers, the bridge and the tests use these constants, so renaming
 * something in a model without renaming it here fails a test instead of a case.
 */
public final class Processes {

    /** Classpath locations of every model the application deploys. */
    public static final List<String> RESOURCES = List.of("bpmn/dissuasion.bpmn");

    public static final String DISSUASION = "dissuasion";

    private Processes() {
    }

    /** Message names the bridge publishes. */
    public static final class Messages {
        /** Starts {@link #DISSUASION}; message id and correlation key are the case id. */
        public static final String CASE_OPENED = "case-opened";

        private Messages() {
        }
    }

    /** Job types served by workers. */
    public static final class JobTypes {
        public static final String SEND_WARNING_SMS = "send-warning-sms";

        private JobTypes() {
        }
    }

    /** Process variables. Only identifiers and classifications: never a phone number or a name. */
    public static final class Variables {
        public static final String CASE_ID = "caseId";
        public static final String PERSON_ID = "personId";
        public static final String RISK_LEVEL = "riskLevel";
        public static final String CATEGORY = "category";
        public static final String CHANNEL = "channel";
        public static final String AGE_GROUP = "ageGroup";

        private Variables() {
        }
    }
}
