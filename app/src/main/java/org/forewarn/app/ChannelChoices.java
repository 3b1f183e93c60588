package org.forewarn.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Which counterpart each channel goes to: the local outbox (the default) or the real one. A
 * value that names neither stops the application at start with the choices, rather than leaving
 * a channel without a sender.
 */
final class ChannelChoices {

    static final Map<String, Set<String>> CHOICES = Map.of(
            "sms", Set.of("outbox", "twilio"),
            "call", Set.of("outbox", "twilio"),
            "flash", Set.of("outbox", "smpp"),
            "carrier", Set.of("outbox", "http"),
            "payment", Set.of("outbox", "http"));

    private ChannelChoices() {
    }

    static void check(Environment environment) {
        List<String> problems = new ArrayList<>();
        CHOICES.forEach((channel, allowed) -> {
            String chosen = environment.getProperty("forewarn.channels." + channel, "outbox");
            if (!allowed.contains(chosen)) {
                problems.add("forewarn.channels." + channel + "=" + chosen + " is none of " + allowed);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }
}
