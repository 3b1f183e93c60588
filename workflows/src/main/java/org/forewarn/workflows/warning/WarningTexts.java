package org.forewarn.workflows.warning;

import org.forewarn.domain.FraudCategory;

/**
 * The text of the 12381 warning SMS. Like the real 12381 messages it carries no link and no
 * number to call back, so that a frightened person can trust it and a fraudster cannot copy it
 * into a lure.
 */
public final class WarningTexts {

    private WarningTexts() {
    }

    public static String warningSms(FraudCategory category) {
        return "【12381反诈预警】您好，国家反诈中心提示：您可能正在遭遇“" + category.chinese() + "”类诈骗。"
                + "请立即停止与对方联系，不要透露验证码，不要向任何陌生账户转账汇款。"
                + "警方工作人员可能稍后与您联系，请注意接听。";
    }
}
