package org.forewarn.domain.person.api;

import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.InvalidValueException;

/**
 * What the person must be told when a countermeasure is applied (Anti-Telecom Fraud Law art.
 * 32): why, how to appeal, and what to send with the appeal. Not personal data.
 */
public record CountermeasureNotice(String reason, String howToAppeal, String documentsToSend) {

    public CountermeasureNotice {
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("notice.reason", "is required");
        }
        if (howToAppeal == null || howToAppeal.isBlank()) {
            throw new InvalidValueException("notice.howToAppeal", "is required");
        }
        if (documentsToSend == null || documentsToSend.isBlank()) {
            throw new InvalidValueException("notice.documentsToSend", "is required");
        }
    }

    /** The standard notice for {@code type}, in Chinese as it is sent, with the shift's reason. */
    public static CountermeasureNotice standard(CountermeasureType type, String reason) {
        return new CountermeasureNotice(
                "因您的号码/账户涉嫌正在遭受电信网络诈骗，已对您采取" + type.chinese() + "措施：" + reason,
                "如有异议，可拨打96110或到就近公安机关反诈中心、营业厅提出申诉，核验通过后立即恢复。",
                "本人有效身份证件；如由他人代办，另附委托书及代办人身份证件。");
    }
}
