package org.forewarn.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * Which counterpart each channel goes to: the local outbox (the default) or the real one. A
 * value that names neither stops the application at start with the choices, rather than leaving
 * a channel without a sender.
 */
final class ChannelChoices {

    static final String OUTBOX = "outbox";
    static final Map<String, String> REAL = new LinkedHashMap<>();

    static {
        REAL.put("sms", "twilio");
        REAL.put("call", "twilio");
        REAL.put("flash", "smpp");
        REAL.put("carrier", "http");
        REAL.put("payment", "http");
    }

    private ChannelChoices() {
    }

    static void check(Environment environment) {
        List<String> problems = new ArrayList<>();
        REAL.forEach((channel, real) -> {
            String chosen = environment.getProperty("forewarn.channels." + channel, OUTBOX);
            if (!chosen.equals(OUTBOX) && !chosen.equals(real)) {
                problems.add("forewarn.channels." + channel + " must be " + OUTBOX + " or " + real + ", not '"
                        + chosen + "'");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }
}
