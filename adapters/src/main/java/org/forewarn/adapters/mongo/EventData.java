package org.forewarn.adapters.mongo;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;

/**
 * Renders an event record as the {@code data} of a history entry: every component, nested
 * records as sub-documents, times as dates. Phone numbers are only ever written masked; personal
 * values (numbers and personal text) are listed by their path in {@link Rendered#personalPaths()}
 * so that erasing the person can overwrite them in the read model as well.
 */
final class EventData {

    /** Components that the history entry carries at its top level, not in {@code data}. */
    private static final Set<String> TOP_LEVEL = Set.of("personId", "caseId", "suspectId", "actor");

    private EventData() {
    }

    record Rendered(Document data, List<String> personalPaths) {
    }

    static Rendered render(Record event) {
        List<String> personal = new ArrayList<>();
        Document data = new Document();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (!TOP_LEVEL.contains(c.getName())) {
                data.append(c.getName(), value(read(c, event), c.getName(), personal));
            }
        }
        return new Rendered(data, List.copyOf(personal));
    }

    private static Object value(Object v, String path, List<String> personal) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof PhoneNumber number) {
            personal.add(path);
            return number.masked();
        }
        if (v instanceof PersonalText text) {
            personal.add(path);
            return text.text();
        }
        if (v instanceof ClueId id) {
            return id.value();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Instant at) {
            return Date.from(at);
        }
        if (v instanceof LocalDate || v instanceof Period) {
            return v.toString();
        }
        if (v instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object item : list) {
                out.add(value(item, path + "." + i++, personal));
            }
            return out;
        }
        if (v instanceof Record nested) {
            Document d = new Document();
            for (RecordComponent c : nested.getClass().getRecordComponents()) {
                d.append(c.getName(), value(read(c, nested), path + "." + c.getName(), personal));
            }
            return d;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, item) -> out.put(String.valueOf(k), value(item, path + "." + k, personal)));
            return new Document(out);
        }
        return v.toString();
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
