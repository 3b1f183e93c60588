package org.forewarn.workflows.countermeasure;

import org.forewarn.domain.CountermeasureType;

/**
 * The standard Chinese texts of the countermeasures the system proposes and applies on its own
 * steps: the reason (which the notice of an applied countermeasure quotes after “已对您采取…措施：”)
 * and the SMS that tells the person it was lifted. Like the warnings they carry no link and no
 * number to call back.
 */
public final class CountermeasureTexts {

    private CountermeasureTexts() {
    }

    public static String reason(CountermeasureType type) {
        return switch (type) {
            case CANCEL_FORWARDING -> "您的号码被设置了呼叫转移，来电可能被转给他人，您将接不到民警和家人的劝阻电话。";
            case RESTRICT_TRANSFERS -> "您可能正在向涉诈账户转账，为防止资金损失，临时限制您账户的转账功能。";
            case SUSPEND_SERVICE -> "诈骗分子正通过您的号码持续与您联系，为阻断诈骗，临时暂停您号码的通信服务。";
            case CUT_DATA -> "诈骗分子可能正通过网络应用或屏幕共享操控您的手机，为阻断诈骗，临时关闭您号码的上网功能。";
        };
    }

    public static String liftNotice(CountermeasureType type) {
        String restored = switch (type) {
            case CANCEL_FORWARDING -> "为保护您而取消的呼叫转移不会自动恢复，如需使用，请自行重新设置。";
            case RESTRICT_TRANSFERS -> "您账户的转账功能已恢复正常。";
            case SUSPEND_SERVICE -> "您号码的通信服务已恢复正常。";
            case CUT_DATA -> "您号码的上网功能已恢复正常。";
        };
        return "【12381反诈中心】您好，此前为防范电信网络诈骗对您采取的" + type.chinese() + "措施已解除。" + restored
                + "感谢您的理解与配合，请继续提高警惕，不要向陌生账户转账。";
    }
}
