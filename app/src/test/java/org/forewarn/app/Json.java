package org.forewarn.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The event types of a case history answer, in order. */
    static java.util.List<String> types(JsonNode history) {
        return java.util.stream.StreamSupport.stream(history.spliterator(), false)
                                             .map(e -> e.path("type").asText()).toList();
    }

    /** A JSON object's fields in order, as Jackson reads them. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> toMap(String object) {
        try {
            return MAPPER.readValue(object, java.util.LinkedHashMap.class);
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + object, e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A clue as a platform pushes it, detected a minute ago (Beijing time). */
    static String clue(String clueId, String victimNumber, String riskLevel) {
        return clue(clueId, victimNumber, riskLevel, "+8617000000001", "FAKE_CUSTOMER_SERVICE");
    }

    static String clue(String clueId, String victimNumber, String riskLevel, String suspectNumber, String category) {
        return """
                {"clueId":"%s","victimNumber":"%s","suspectNumber":"%s",
                 "category":"%s","riskLevel":"%s","detectedAt":"%s",
                 "channel":"CALL","source":"zj-platform","ageGroup":"ADULT"}"""
                .formatted(clueId, victimNumber, suspectNumber, category, riskLevel,
                        OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(1).withNano(0));
    }
}
