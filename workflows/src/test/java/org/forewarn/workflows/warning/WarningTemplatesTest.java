package org.forewarn.workflows.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.forewarn.domain.FraudCategory;
import org.forewarn.workflows.warning.WarningTemplates.Kind;
import org.junit.jupiter.api.Test;

class WarningTemplatesTest {

    @Test
    void everyStandardTextKeepsTheRulesOfItsChannel() {
        for (Kind kind : Kind.values()) {
            for (FraudCategory category : FraudCategory.values()) {
                assertThat(WarningTemplates.problemOf(kind, WarningTemplates.standard().text(kind, category)))
                        .as(kind + " " + category).isNull();
            }
        }
    }

    @Test
    void configuredTextReplacesTheStandardOneOfItsCategoryOnly() {
        String own = "【12381反诈预警】您好，您可能正在遭遇“虚假投资理财”诈骗，请立即停止转账。";

        WarningTemplates templates = WarningTemplates.withOverrides(
                Map.of(Kind.WARNING_SMS, Map.of("INVESTMENT_SCAM", "  " + own + "\n")));

        assertThat(templates.warningSms(FraudCategory.INVESTMENT_SCAM)).isEqualTo(own);
        assertThat(templates.warningSms(FraudCategory.LOAN_SCAM))
                .isEqualTo(WarningTexts.warningSms(FraudCategory.LOAN_SCAM));
        assertThat(templates.flashWarning(FraudCategory.INVESTMENT_SCAM))
                .isEqualTo(WarningTexts.flashWarning(FraudCategory.INVESTMENT_SCAM));
    }

    @Test
    void textWithALinkANumberOrAnUnknownCategoryIsRefusedNamingEachProblem() {
        assertThatThrownBy(() -> WarningTemplates.withOverrides(Map.of(
                Kind.WARNING_SMS, Map.of(
                        "INVESTMENT_SCAM", "详情请见 www.example.cn",
                        "LOAN_SCAM", "如有疑问请回拨 ０２１６２３４５６７８",
                        "LOTTERY", "中奖诈骗"),
                Kind.FLASH_WARNING, Map.of("PRIZE_SCAM", "请勿转账！".repeat(20)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forewarn.texts.warning-sms.INVESTMENT_SCAM: carries a link")
                .hasMessageContaining("forewarn.texts.warning-sms.LOAN_SCAM: carries a number")
                .hasMessageContaining("forewarn.texts.warning-sms.LOTTERY: no such fraud category")
                .hasMessageContaining("forewarn.texts.flash-warning.PRIZE_SCAM: is 100 characters long, more than 70");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> WarningTemplates.withOverrides(Map.of(Kind.CALL_SCRIPT, Map.of("OTHER", " "))))
                .hasMessageContaining("forewarn.texts.call-script.OTHER: is empty");
    }
}
