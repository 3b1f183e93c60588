package org.forewarn.domain;

/**
 * The technical countermeasures a case may take against a person who will not stop. Each is
 * proposed by an operator and approved by supervisors other than the proposer; the intrusive
 * ones need two supervisors and always expire. {@code CANCEL_FORWARDING} (the carriers' 踢线:
 * cancel a call forwarding that diverts the victim's line) restores the person's own service,
 * so one supervisor suffices and nothing needs lifting later.
 */
public enum CountermeasureType {
    RESTRICT_TRANSFERS("限制转账", 2, true),
    SUSPEND_SERVICE("停机", 2, true),
    CUT_DATA("断网", 2, true),
    CANCEL_FORWARDING("踢线（取消呼叫转移）", 1, false);

    private final String chinese;
    private final int approvalsRequired;
    private final boolean expires;

    CountermeasureType(String chinese, int approvalsRequired, boolean expires) {
        this.chinese = chinese;
        this.approvalsRequired = approvalsRequired;
        this.expires = expires;
    }

    public String chinese() {
        return chinese;
    }

    /** How many distinct supervisors, none of them the proposer, must approve. */
    public int approvalsRequired() {
        return approvalsRequired;
    }

    /** Whether it is applied until a date and must be lifted then. */
    public boolean expires() {
        return expires;
    }

    public static CountermeasureType parse(String field, String code) {
        return Enums.parse(CountermeasureType.class, field, code);
    }
}
