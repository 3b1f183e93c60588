package org.forewarn.workflows.warning;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.forewarn.domain.FraudCategory;

/**
 * The texts each warning channel sends, per fraud category: {@link WarningTexts}' standard ones,
 * or the centre's own from configuration. An own text is held to the rules that make the real
 * 12381 messages trustworthy, checked once when the application starts: no link, no number to
 * call or text back (a fraudster could copy such a message into a lure), and short enough for the
 * channel. The {@code 【12381…】} sender tag is the one run of digits allowed.
 */
public final class WarningTemplates {

    /** The channels whose texts can be configured, with their configuration names and length limits. */
    public enum Kind {
        /** Five concatenated UCS-2 segments of 67 characters. */
        WARNING_SMS("warning-sms", 335),
        /** One class-0 screen, read at a glance. */
        FLASH_WARNING("flash-warning", 70),
        /** About two minutes read aloud, twice. */
        CALL_SCRIPT("call-script", 600),
        /** To a registered relative: as long as the person's own warning. */
        FAMILY_SMS("family-sms", 335);

        private final String configName;
        private final int maxLength;

        Kind(String configName, int maxLength) {
            this.configName = configName;
            this.maxLength = maxLength;
        }

        public String configName() {
            return configName;
        }
    }

    private static final Pattern LINK = Pattern.compile("(?i)(https?:|www\\.|\\.(com|cn|net|org|top|xyz|cc)\\b|://)");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{3,}");
    private static final String SENDER_TAG_DIGITS = "12381";

    private final Map<Kind, Map<FraudCategory, String>> texts;

    private WarningTemplates(Map<Kind, Map<FraudCategory, String>> texts) {
        this.texts = texts;
    }

    /** The standard texts of {@link WarningTexts}. */
    public static WarningTemplates standard() {
        Map<Kind, Map<FraudCategory, String>> texts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Map<FraudCategory, String> byCategory = new EnumMap<>(FraudCategory.class);
            for (FraudCategory category : FraudCategory.values()) {
                byCategory.put(category, switch (kind) {
                    case WARNING_SMS -> WarningTexts.warningSms(category);
                    case FLASH_WARNING -> WarningTexts.flashWarning(category);
                    case CALL_SCRIPT -> WarningTexts.callScript(category);
                    case FAMILY_SMS -> WarningTexts.familySms(category);
                });
            }
            texts.put(kind, byCategory);
        }
        return new WarningTemplates(texts);
    }

    /**
     * The standard texts with the configured ones in their place.
     *
     * @param configured by kind, category code ({@code IMPERSONATING_AUTHORITIES}) to text
     * @throws IllegalArgumentException naming every category code that is unknown and every text
     *                                  that breaks a rule, and why
     */
    public static WarningTemplates withOverrides(Map<Kind, Map<String, String>> configured) {
        Map<Kind, Map<FraudCategory, String>> texts = new EnumMap<>(standard().texts);
        List<String> problems = new ArrayList<>();
        configured.forEach((kind, byCode) -> {
            Map<FraudCategory, String> byCategory = new EnumMap<>(texts.get(kind));
            byCode.forEach((code, text) -> {
                String where = "forewarn.texts." + kind.configName() + "." + code;
                FraudCategory category;
                try {
                    category = FraudCategory.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": no such fraud category");
                    return;
                }
                String problem = problemOf(kind, text);
                if (problem != null) {
                    problems.add(where + ": " + problem);
                } else {
                    byCategory.put(category, text.strip());
                }
            });
            texts.put(kind, byCategory);
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("warning texts refused: " + String.join("; ", problems));
        }
        return new WarningTemplates(texts);
    }

    /** Why the text may not be sent as a warning, or null when it may. */
    static String problemOf(Kind kind, String text) {
        if (text == null || text.isBlank()) {
            return "is empty";
        }
        if (text.strip().length() > kind.maxLength) {
            return "is " + text.strip().length() + " characters long, more than " + kind.maxLength;
        }
        // full-width and other look-alike digits and letters count as what they look like
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (LINK.matcher(folded).find()) {
            return "carries a link; warnings never do";
        }
        String withoutTag = folded.replace(SENDER_TAG_DIGITS, "");
        if (DIGIT_RUN.matcher(withoutTag).find()) {
            return "carries a number; warnings name no number to call or text back";
        }
        return null;
    }

    public String text(Kind kind, FraudCategory category) {
        return texts.get(kind).get(category);
    }

    public String warningSms(FraudCategory category) {
        return text(Kind.WARNING_SMS, category);
    }

    public String flashWarning(FraudCategory category) {
        return text(Kind.FLASH_WARNING, category);
    }

    public String callScript(FraudCategory category) {
        return text(Kind.CALL_SCRIPT, category);
    }

    public String familySms(FraudCategory category) {
        return text(Kind.FAMILY_SMS, category);
    }
}
