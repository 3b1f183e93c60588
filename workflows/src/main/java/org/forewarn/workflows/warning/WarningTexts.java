package org.forewarn.workflows.warning;

import org.forewarn.domain.FraudCategory;

/**
 * The texts of the warning channels: the 12381 SMS, the flash-screen warning and the script of the
 * automated call. Like the real 12381 messages they carry no link and no number to call back, so
 * that a frightened person can trust them and a fraudster cannot copy them into a lure.
 */
public final class WarningTexts {

    private WarningTexts() {
    }

    public static String warningSms(FraudCategory category) {
        return "【12381反诈预警】您好，国家反诈中心提示：您可能正在遭遇“" + category.chinese() + "”类诈骗。"
                + "请立即停止与对方联系，不要透露验证码，不要向任何陌生账户转账汇款。"
                + "警方工作人员可能稍后与您联系，请注意接听。";
    }

    /**
     * To a registered relative, who knows the person: it names neither the person nor their
     * number, so that the message reveals nothing to whoever else reads it.
     */
    public static String familySms(FraudCategory category) {
        return "【12381反诈预警】您好，您登记为亲情联系人的家人可能正在遭遇“" + category.chinese() + "”类诈骗。"
                + "请立即与其联系，劝其停止转账汇款、不要透露验证码。民警正在劝阻，可能稍后与您联系。";
    }

    /** Short enough to read at a glance over whatever is on screen. */
    public static String flashWarning(FraudCategory category) {
        return "【反诈预警】您可能正遭遇“" + category.chinese() + "”诈骗！请立即停止联系，切勿转账，切勿透露验证码。";
    }

    /** Read slowly by a recorded voice; the warning comes first and again at the end. */
    public static String callScript(FraudCategory category) {
        return "您好，这里是国家反诈中心预警劝阻电话。我们监测到您可能正在遭遇“" + category.chinese() + "”类诈骗。"
                + hint(category)
                + "请立即停止与对方联系，不要转账汇款，不要透露银行卡密码和验证码，不要下载陌生软件或开启屏幕共享。"
                + "民警可能稍后与您联系，请注意接听。再次提醒：请立即停止转账。";
    }

    /** What gives the category's fraud away, in one sentence. */
    private static String hint(FraudCategory category) {
        return switch (category) {
            case IMPERSONATING_AUTHORITIES -> "公检法机关不会通过电话办案，更没有所谓的“安全账户”。";
            case FAKE_CUSTOMER_SERVICE -> "正规客服不会要求您为退款、理赔或取消会员而转账或开通借款。";
            case IMPERSONATING_ACQUAINTANCE -> "领导或熟人通过网络要求借钱、转账时，请务必当面或打原号码核实。";
            case IMPERSONATING_CARRIER -> "运营商不会以号码停用、套餐异常为由要求您转账或提供验证码。";
            case BRUSHING_TASKS -> "所有刷单都是诈骗，先返小利，再骗大钱。";
            case INVESTMENT_SCAM -> "承诺高收益、稳赚不赔的投资平台都是骗局。";
            case LOAN_SCAM -> "贷款放款前要求交纳手续费、保证金或解冻金的都是诈骗。";
            case ONLINE_GAMBLING -> "网络赌博平台后台可随意操控，十赌九骗，切勿继续充值。";
            case CREDIT_REPAIR_SCAM -> "征信记录不能通过任何中介或转账修复或注销。";
            case ROMANCE_SCAM -> "未曾谋面的网友以投资、急用为由让您转账，多是诈骗。";
            case FAKE_SHOPPING -> "脱离正规平台私下交易、要求先付款的，极可能是诈骗。";
            case GAME_TRADING_SCAM -> "游戏账号、装备请在官方平台交易，不要私下转账或扫码付款。";
            case PRIZE_SCAM -> "领奖前要求先交税费、手续费的中奖信息都是诈骗。";
            case SOCIAL_INSURANCE_SCAM -> "医保、社保部门不会通过电话要求您转账或提供验证码。";
            case MILITARY_PURCHASE_SCAM -> "自称部队、警方采购并要求您垫付货款或代购的都是诈骗。";
            case OTHER -> "凡是要求您向陌生账户转账的，都是诈骗。";
        };
    }
}
