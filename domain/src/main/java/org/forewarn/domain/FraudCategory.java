package org.forewarn.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The 16 warning categories recognised by the provincial anti-fraud platforms. */
public enum FraudCategory {
    IMPERSONATING_AUTHORITIES("冒充公检法"),
    FAKE_CUSTOMER_SERVICE("冒充电商物流客服"),
    IMPERSONATING_ACQUAINTANCE("冒充领导熟人"),
    IMPERSONATING_CARRIER("冒充运营商"),
    BRUSHING_TASKS("刷单返利"),
    INVESTMENT_SCAM("虚假投资理财"),
    LOAN_SCAM("虚假网络贷款"),
    ONLINE_GAMBLING("网络赌博"),
    CREDIT_REPAIR_SCAM("虚假征信"),
    ROMANCE_SCAM("网络婚恋交友"),
    FAKE_SHOPPING("虚假购物服务"),
    GAME_TRADING_SCAM("网络游戏虚假交易"),
    PRIZE_SCAM("虚假中奖"),
    SOCIAL_INSURANCE_SCAM("冒充医保社保"),
    MILITARY_PURCHASE_SCAM("冒充军警购物"),
    OTHER("其他");

    private final String chinese;

    FraudCategory(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    public static FraudCategory parse(String field, String code) {
        return Enums.parse(FraudCategory.class, field, code);
    }

    static String codes() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
