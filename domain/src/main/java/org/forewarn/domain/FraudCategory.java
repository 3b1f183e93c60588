package org.forewarn.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The 16 warning categories recognised by the provincial anti-fraud platforms. */
public enum FraudCategory {
    IMPERSONATING_AUTHORITIES("冒充公检法", "Impersonating police, procuratorate or court"),
    FAKE_CUSTOMER_SERVICE("冒充电商物流客服", "Fake e-commerce or logistics customer service"),
    IMPERSONATING_ACQUAINTANCE("冒充领导熟人", "Impersonating a superior or acquaintance"),
    IMPERSONATING_CARRIER("冒充运营商", "Impersonating a telecom carrier"),
    BRUSHING_TASKS("刷单返利", "Order brushing with rebates"),
    INVESTMENT_SCAM("虚假投资理财", "Fake investment and wealth management"),
    LOAN_SCAM("虚假网络贷款", "Fake online loan"),
    ONLINE_GAMBLING("网络赌博", "Online gambling"),
    CREDIT_REPAIR_SCAM("虚假征信", "Fake credit record repair"),
    ROMANCE_SCAM("网络婚恋交友", "Online dating and romance"),
    FAKE_SHOPPING("虚假购物服务", "Fake shopping or services"),
    GAME_TRADING_SCAM("网络游戏虚假交易", "Fake online game trading"),
    PRIZE_SCAM("虚假中奖", "Fake prize"),
    SOCIAL_INSURANCE_SCAM("冒充医保社保", "Impersonating medical or social insurance"),
    MILITARY_PURCHASE_SCAM("冒充军警购物", "Impersonating military or police purchasers"),
    OTHER("其他", "Other");

    private final String chinese;
    private final String english;

    FraudCategory(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The label the platforms and the shift use, e.g. 冒充公检法. */
    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    public static FraudCategory parse(String field, String code) {
        return Enums.parse(FraudCategory.class, field, code);
    }

    static String codes() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
