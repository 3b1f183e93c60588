package org.forewarn.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forewarn.adapters.twilio.TwilioSignature;
import org.forewarn.app.Endpoints.Body;
import org.forewarn.app.Endpoints.Endpoint;
import org.forewarn.app.Endpoints.Kind;

/**
 * Makes request number {@code i} of a run from the run's seed alone, so that any failure can be
 * made again: mostly bad input aimed at one endpoint (a field made hostile, the wrong JSON type,
 * malformed or 10,000-deep JSON, an oversized body, the wrong content type or method, an odd
 * path parameter or header), now and then a valid request. A request whose input no endpoint may
 * take (a look-alike digit in a number, an unknown code, a clue dated far off, a negative amount,
 * JSON that is not JSON) is marked {@link Call#mustBeRefused()}.
 */
final class HostileRequests {

    /** What to send, as given to {@link BadInputTest}. */
    record Call(long index, Endpoint endpoint, String method, String path, String user, String contentType,
                byte[] body, boolean chunked, Map<String, String> headers, String attack, boolean mustBeRefused,
                String clueId) {

        String describe() {
            String shown = new String(body, StandardCharsets.UTF_8);
            shown = shown.length() > 300 ? shown.substring(0, 300) + "…(" + body.length + " bytes)" : shown;
            return "#" + index + " " + attack + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200)
                    + "…" : path) + " as " + user + " [" + contentType + "] " + headers.keySet() + " "
                    + shown.replaceAll("\\p{Cntrl}", "?");
        }
    }

    /** The ids the generator aims at: real ones, so requests reach the handlers' deeper checks. */
    record Targets(String caseId, String personId, String closableCaseId, String closablePersonId, String suspectId,
                   String webhookBase, String twilioAuthToken) {
    }

    static final String LOOK_ALIKE_DIGITS = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३४५६७८९";
    private static final String[] MATH_DIGITS = {"\ud835\udfce", "\ud835\udfcf", "\ud835\udfd7"};
    private static final String[] NASTY_TEXT = {
            "\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad",
            "\ud800", "\udfff", "\ud83d\ude00", "\r\n", "\t", "'; DROP TABLE domain_event_entry; --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "%s%n%x", "../../etc/passwd", "\\u0000",
            "null", "true", " ", "", "冒充公检法", "Ａ", "\u3000"};
    private static final String[] FAR_DATES = {
            "+999999999-12-31T23:59:59+18:00", "-999999999-01-01T00:00:00-18:00", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1900-01-01T08:00:00+08:00", "2999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z"};
    private static final String[] BAD_DATES = {
            "2026-13-45T25:61:61Z", "2026-02-30T00:00:00Z", "2026-11-22T08:00:00", "2026-11-22", "08:00:00+08:00",
            "２０２６-11-22T08:00:00+08:00", "2026-11-22T08:00:00+25:00", "1700000000", "now", "2026-11-22T08:00:00ZZ"};
    private static final String[] BAD_AMOUNTS = {
            "-1", "0", "-0", "-9223372036854775808", "9223372036854775808", "1e400", "12.5", "1,000", "0x10",
            "NaN", "Infinity", "１２３", "١٠٠", "१००", "1000000000001", "+5", "5\u0000", "𝟏𝟎"};
    private static final String[] ODD_SEGMENTS = {
            "..", ".", "%2e%2e", "a%2Fb", "%00", "x;jsessionid=1", "%25", "%ED%A0%80", "%C0%AE", "%FF", "~",
            "case-%E2%80%AE", "%E2%80%8B", "case%20x", "%0d%0aX-Injected:%201", "%3Cscript%3E", "%EF%BC%91",
            "case-" + "a".repeat(5000), "%F0%9F%98%80", "null", "-", "%", "%2", "%u0041"};
    private static final String[] CONTENT_TYPES = {
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=EBCDIC", "application/json; charset=UTF-16", "application/octet-stream",
            "application/problem+json", "*/*", "application/json;;;", "json", ""};
    private static final String[] METHODS = {"PUT", "DELETE", "PATCH", "GET", "POST", "OPTIONS", "TRACE", "HEAD"};

    private final long seed;
    private final Targets targets;
    private final List<Endpoint> endpoints;

    HostileRequests(long seed, Targets targets, List<Endpoint> endpoints) {
        this.seed = seed;
        this.targets = targets;
        this.endpoints = endpoints;
    }

    Call call(long index) {
        Random r = new Random(seed ^ (index * 0x9E3779B97F4A7C15L));
        // clues weigh three times: the intake is what outsiders reach
        int pick = r.nextInt(endpoints.size() + 2);
        Endpoint e = endpoints.get(pick >= endpoints.size() ? 0 : pick);
        Builder b = new Builder(index, e, r);
        int attack = r.nextInt(100);
        if (attack < 4) {
            b.attack = "valid";
        } else if (attack < 50) {
            b.mutateField();
        } else if (attack < 56) {
            b.dropOrAddFields();
        } else if (attack < 64) {
            b.malformed();
        } else if (attack < 68) {
            b.deep();
        } else if (attack < 71) {
            b.oversized();
        } else if (attack < 78) {
            b.wrongContentType();
        } else if (attack < 84) {
            b.wrongMethod();
        } else if (attack < 92) {
            b.oddPath();
        } else {
            b.oddHeaders();
        }
        return b.build();
    }

    private final class Builder {
        final long index;
        final Endpoint e;
        final Random r;
        String attack;
        String method;
        String path;
        String contentType;
        String body;
        byte[] rawBody;
        boolean chunked;
        boolean mustBeRefused;
        boolean signed;
        final Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> fields;
        String clueId;

        Builder(long index, Endpoint e, Random r) {
            this.index = index;
            this.e = e;
            this.r = r;
            this.method = e.method();
            this.path = path(e.path(), null);
            this.contentType = switch (e.body()) {
                case JSON -> "application/json";
                case FORM -> "application/x-www-form-urlencoded";
                case NONE -> null;
            };
            this.fields = validFields();
            this.signed = e.isSigned() && r.nextInt(10) < 8; // mostly signed, so reports reach the handler
        }

        /** The path with real ids, or with {@code oddSegment} in place of one of its parameters. */
        private String path(String template, String oddSegment) {
            boolean closable = template.endsWith("/resolution") || template.contains("/persons/");
            List<String> params = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[a-zA-Z]+}").matcher(template);
            while (m.find()) {
                params.add(m.group());
            }
            String odd = oddSegment == null || params.isEmpty() ? null : params.get(r.nextInt(params.size()));
            String path = template;
            for (String param : params) {
                String value = param.equals(odd) ? oddSegment : switch (param) {
                    case "{caseId}" -> closable ? targets.closableCaseId() : targets.caseId();
                    case "{personId}" -> targets.closablePersonId();
                    case "{suspectId}" -> targets.suspectId();
                    default -> "unknown-" + r.nextInt(3);
                };
                path = path.replace(param, value);
            }
            return path;
        }

        private Map<String, Object> validFields() {
            Map<String, Object> map = new LinkedHashMap<>();
            if (e.valid() == null) {
                return map;
            }
            if (e.body() == Body.FORM) {
                for (String pair : e.valid().split("&")) {
                    String[] nv = pair.split("=", 2);
                    map.put(nv[0], nv[1]);
                }
                return map;
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
            String filled = switch (e.path()) {
                case "/api/v1/clues" -> {
                    clueId = "fz-" + Long.toHexString(seed) + "-" + index;
                    // a suspect of its own too: evidence piling up on one suspect would make each of its
                    // commands replay hundreds of events, and the run slow for no finding
                    yield e.valid().formatted(clueId, freshMobile(), "+86170" + freshMobile().substring(6),
                            now.minusMinutes(1));
                }
                case "/api/v1/cases/{caseId}/relatives" -> e.valid().formatted(freshMobile());
                case "/api/v1/cases/{caseId}/home-visits" -> e.valid().formatted(now.plusDays(1));
                case "/api/v1/cases/{caseId}/home-visits/{id}/report" -> e.valid().formatted(now.minusHours(1));
                default -> e.valid();
            };
            map.putAll(Json.toMap(filled));
            return map;
        }

        /** A mobile number no other request of the run uses, so every valid clue opens its own case. */
        private String freshMobile() {
            return "+86199" + String.format("%08d", Math.floorMod(seed + index * 7919, 100_000_000L));
        }

        void mutateField() {
            if (e.fields().isEmpty()) {
                oddHeaders();
                return;
            }
            List<String> names = new ArrayList<>(e.fields().keySet());
            String name = names.get(r.nextInt(names.size()));
            Kind kind = e.fields().get(name);
            attack = "field " + name + " (" + kind + ")";
            int how = r.nextInt(10);
            Object value;
            if (how < 2 && e.body() == Body.JSON) {
                value = wrongType();
                attack += " wrong type";
                // an array or an object is never a text field's value; a number or a boolean is read as its text
                mustBeRefused = (value instanceof List || value instanceof Map) && kind != Kind.LIST;
            } else if (how < 4) {
                String text = nastyText();
                value = text;
                attack += " nasty text";
                mustBeRefused = switch (kind) {
                    case ID -> !text.matches("[A-Za-z0-9._:-]{1,64}");
                    case CODE -> !(text.isBlank() && name.equals("ageGroup"));
                    case TEXT -> text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r'
                            && c != '\t');
                    case PHONE, DATE -> !text.isBlank() || !name.equals("suspectNumber");
                    case BOOL -> !text.equals("true") && !text.equals("false");
                    case AMOUNT -> !text.isBlank();
                    case LIST -> true;
                };
            } else if (how < 5) {
                value = hugeString(kind);
                attack += " huge";
                mustBeRefused = true; // longer than any field may be, and most often than the body may be
            } else {
                value = switch (kind) {
                    case PHONE -> lookAlikePhone();
                    case AMOUNT -> BAD_AMOUNTS[r.nextInt(BAD_AMOUNTS.length)];
                    case DATE -> r.nextBoolean() ? FAR_DATES[r.nextInt(FAR_DATES.length)]
                            : BAD_DATES[r.nextInt(BAD_DATES.length)];
                    case CODE -> unknownCode(String.valueOf(fields.getOrDefault(name, "X")));
                    case ID -> oddId();
                    case BOOL -> List.of("yes", "1", "TRUE", "ｔｒｕｅ", "", "null").get(r.nextInt(6));
                    case LIST -> r.nextBoolean() ? List.of() : java.util.Collections.nCopies(51, "acct");
                    case TEXT -> nastyText();
                };
                attack += " aimed";
                mustBeRefused = switch (kind) {
                    case PHONE, ID, CODE, BOOL -> true;
                    case AMOUNT -> !value.equals("+5"); // a plus sign is a sign, not a trick
                    case DATE -> name.equals("detectedAt") || isUnparseableOrFarOff((String) value);
                    case LIST, TEXT -> false;
                };
            }
            fields.put(name, value);
            if (e.body() == Body.FORM) {
                mustBeRefused = false; // a report Twilio did not sign, or a value we ignore: both fine
            }
        }

        /** The API takes dates between the years 1900 and 2199 only. */
        private boolean isUnparseableOrFarOff(String date) {
            try {
                java.time.Instant at = OffsetDateTime.parse(date).toInstant();
                return at.isBefore(java.time.Instant.parse("1900-01-01T00:00:00Z"))
                        || !at.isBefore(java.time.Instant.parse("2200-01-01T00:00:00Z"));
            } catch (RuntimeException ex) {
                return true;
            }
        }

        void dropOrAddFields() {
            attack = "fields dropped or added";
            if (!fields.isEmpty() && r.nextBoolean()) {
                List<String> names = new ArrayList<>(fields.keySet());
                fields.remove(names.get(r.nextInt(names.size())));
            } else {
                fields.put(r.nextBoolean() ? "unknownField" : "__proto__", nastyText());
                fields.put("@class", "java.lang.ProcessBuilder");
            }
        }

        void malformed() {
            mustBeRefused = e.body() == Body.JSON;
            String valid = e.body() == Body.NONE ? "{}" : renderJson(fields);
            String[] variants = {
                    valid.substring(0, Math.max(1, valid.length() / 2)), valid + "}", valid + " garbage",
                    valid.replace('"', '\''), "{\"a\":NaN}", "{/*c*/\"a\":1}", "\ufeff" + valid, "{,}", "[", "]",
                    "{\"a\":1,\"a\":{}}", "nul", "{\"clueId\":\"\\uZZZZ\"}", "{\"a\":\"\\ud800\"", "\u0000", "{}}"};
            int which = r.nextInt(variants.length);
            body = variants[which];
            attack = "malformed JSON";
            if (variants[which].startsWith("\ufeff")) {
                mustBeRefused = false; // RFC 8259 lets a parser ignore a byte order mark
                attack = "JSON after a byte order mark";
            }
            if (r.nextInt(5) == 0) {
                rawBody = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
                attack = "invalid UTF-8";
            }
            if (e.body() == Body.FORM) {
                body = "MessageSid=%ZZ&&=&CallSid&" + "%".repeat(3);
            }
        }

        void deep() {
            attack = "deep JSON";
            mustBeRefused = e.body() == Body.JSON;
            int depth = 10_000;
            String nested = r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            if (e.body() == Body.JSON && !e.fields().isEmpty() && r.nextBoolean()) {
                String name = new ArrayList<>(e.fields().keySet()).get(0);
                body = "{\"" + name + "\":" + nested + "}";
            } else {
                body = nested;
            }
        }

        void oversized() {
            attack = "oversized body";
            mustBeRefused = e.body() != Body.NONE; // an endpoint that reads no body may ignore it
            body = "{\"note\":\"" + "x".repeat(70 * 1024) + "\"}";
            chunked = r.nextBoolean();
            if (e.body() == Body.FORM) {
                body = "MessageSid=" + "x".repeat(70 * 1024);
            }
        }

        void wrongContentType() {
            attack = "wrong content type";
            String type = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
            contentType = type.isEmpty() ? null : type;
            boolean accepted = e.body() == Body.JSON && (type.equals("application/json; charset=UTF-16")
                    || type.equals("*/*") || type.equals("application/json;;;"));
            mustBeRefused = e.body() == Body.JSON && !accepted;
            if (e.body() == Body.FORM) {
                mustBeRefused = false;
            }
        }

        void wrongMethod() {
            attack = "wrong method";
            String other;
            do {
                other = METHODS[r.nextInt(METHODS.length)];
            } while (other.equals(e.method()) || (e.method().equals("GET") && other.equals("HEAD")));
            method = other;
            mustBeRefused = !other.equals("OPTIONS");
            if (other.equals("TRACE") || other.equals("HEAD")) {
                // a TRACE or HEAD with a body breaks HTTP itself: Tomcat's connector answers it
                // before any application code runs, with a bare 400
                body = "";
            }
        }

        void oddPath() {
            if (!e.path().contains("{")) {
                attack = "odd query";
                path = e.path() + "?" + "x=%00&y=" + "%EF%BC%91".repeat(r.nextInt(50)) + "&" + "a".repeat(2000);
                return;
            }
            String segment = ODD_SEGMENTS[r.nextInt(ODD_SEGMENTS.length)];
            attack = "odd path parameter";
            path = path(e.path(), segment);
        }

        void oddHeaders() {
            attack = "odd headers";
            switch (r.nextInt(5)) {
                case 0 -> headers.put("Idempotency-Key", "key-" + LOOK_ALIKE_DIGITS.charAt(r.nextInt(30)));
                case 1 -> headers.put("Idempotency-Key", "k".repeat(65 + r.nextInt(4000)));
                case 2 -> headers.put("Accept", r.nextBoolean() ? "application/xml" : "text/html;q=0.9, */*;q=0.1");
                case 3 -> headers.put("X-Twilio-Signature", "AAAA" + r.nextInt());
                default -> headers.put("Idempotency-Key", "with space " + index);
            }
            mustBeRefused = headers.containsKey("Idempotency-Key") && e.body() == Body.JSON
                    && e.method().equals("POST") && hasIdempotencyKey(e);
        }

        private boolean hasIdempotencyKey(Endpoint endpoint) {
            String p = endpoint.path();
            return p.startsWith("/api/v1/cases/") && !p.endsWith("/decision") && !p.endsWith("/removal")
                    || p.startsWith("/api/v1/persons/") || p.endsWith("/dispositions") || p.endsWith("/appeals");
        }

        private Object wrongType() {
            return switch (r.nextInt(7)) {
                case 0 -> 12345678901234L;
                case 1 -> Boolean.TRUE;
                case 2 -> List.of("a", 1);
                case 3 -> Map.of("nested", "object");
                case 4 -> -0.5e308;
                case 5 -> new java.math.BigInteger("9".repeat(400));
                default -> List.of();
            };
        }

        private String nastyText() {
            StringBuilder s = new StringBuilder();
            int parts = 1 + r.nextInt(4);
            for (int i = 0; i < parts; i++) {
                s.append(NASTY_TEXT[r.nextInt(NASTY_TEXT.length)]);
                if (r.nextBoolean()) {
                    s.append("abc");
                }
            }
            return s.toString();
        }

        private String hugeString(Kind kind) {
            String unit = kind == Kind.PHONE ? "1" : kind == Kind.AMOUNT ? "9" : r.nextBoolean() ? "x" : "\u202e字";
            return unit.repeat(60_000 / unit.length() - 100);
        }

        private String lookAlikePhone() {
            StringBuilder s = new StringBuilder("138");
            for (int i = 0; i < 8; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
            int at = 1 + r.nextInt(10);
            String fake = r.nextInt(4) == 0 ? MATH_DIGITS[r.nextInt(MATH_DIGITS.length)]
                    : String.valueOf(LOOK_ALIKE_DIGITS.charAt(r.nextInt(LOOK_ALIKE_DIGITS.length())));
            return (r.nextBoolean() ? "+86" : "") + s.substring(0, at) + fake + s.substring(at + 1);
        }

        private String unknownCode(String valid) {
            return switch (r.nextInt(6)) {
                case 0 -> valid.toLowerCase();
                case 1 -> valid + "\u200b";
                case 2 -> " " + valid + "X";
                case 3 -> "X".repeat(1000);
                case 4 -> homoglyph(valid);
                default -> "UNKNOWN";
            };
        }

        /** The code with its first Latin capital swapped for a Greek or Cyrillic one that looks the same. */
        private String homoglyph(String code) {
            String latin = "ABCEHIKMNOPSTXY";
            String alike = "ΑΒСΕΗΙΚΜΝΟΡЅΤΧΥ";
            for (int i = 0; i < code.length(); i++) {
                int at = latin.indexOf(code.charAt(i));
                if (at >= 0) {
                    return code.substring(0, i) + alike.charAt(at) + code.substring(i + 1);
                }
            }
            return code + "Ѕ";
        }

        private String oddId() {
            return switch (r.nextInt(5)) {
                case 0 -> "id with spaces";
                case 1 -> "i".repeat(65);
                case 2 -> "id-" + LOOK_ALIKE_DIGITS.charAt(r.nextInt(30));
                case 3 -> "id/../x";
                default -> "id\u0000";
            };
        }

        Call build() {
            byte[] bytes;
            if (rawBody != null) {
                bytes = rawBody;
            } else if (body != null) {
                bytes = body.getBytes(StandardCharsets.UTF_8);
            } else if (e.body() == Body.FORM) {
                bytes = form(fields).getBytes(StandardCharsets.UTF_8);
            } else if (e.body() == Body.JSON) {
                bytes = renderJson(fields).getBytes(StandardCharsets.UTF_8);
            } else {
                bytes = new byte[0];
            }
            if ("application/json; charset=UTF-16".equals(contentType)) {
                bytes = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            }
            String user = e.isPublic() || e.isSigned() ? null : e.allowed().stream().sorted().findFirst().orElseThrow();
            if (e.isSigned() && signed && !headers.containsKey("X-Twilio-Signature")) {
                Map<String, String> params = new LinkedHashMap<>();
                fields.forEach((n, v) -> params.put(n, String.valueOf(v)));
                headers.put("X-Twilio-Signature", TwilioSignature.sign(targets.twilioAuthToken(),
                        targets.webhookBase() + e.path(), params));
            }
            boolean fromFields = rawBody == null && body == null && e.body() == Body.JSON;
            String sentClueId = clueId != null && fromFields && clueId.equals(fields.get("clueId")) ? clueId : null;
            return new Call(index, e, method, path, user, contentType, bytes, chunked, headers, attack,
                    mustBeRefused, sentClueId);
        }

        private String form(Map<String, Object> params) {
            StringBuilder s = new StringBuilder();
            params.forEach((n, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(n, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
            return s.toString();
        }
    }

    static String renderJson(Map<String, Object> fields) {
        return Json.write(fields);
    }
}
