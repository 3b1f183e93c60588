package org.forewarn.adapters.eventstore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.forewarn.adapters.eventstore.PersonalDataKeys.SubjectKey;
import org.forewarn.domain.PersonalData;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;

/**
 * Crypto-shredding in the JSON of stored events. Inside an event that is {@link PersonalData},
 * every {@link PhoneNumber} and {@link PersonalText} is written as a {@link SealedValue}
 * ({@code enc:v1:<subjectId>:<generation>:<base64>}) with the active key of the event's data
 * subject; every other property stays readable JSON. Reading opens each value with the key of the
 * generation it names, or yields {@link PhoneNumber#ERASED} / {@link PersonalText#ERASED} once
 * that key is destroyed; the clear forms written before encryption ({@code {"e164":…}},
 * {@code {"text":…}}) still read, though no key can erase them.
 *
 * <p>Fails closed: a personal value anywhere but inside a {@code PersonalData} object (or as a map
 * key) is not serialized, a sealed value outside one is not read, a value that does not open with
 * the key it names (altered) is not read, and an event holding a value sealed for another subject
 * (moved there) is not read. The last two raise errors rather than reading as erased because they
 * mean the store was tampered with or corrupted, which must not pass unnoticed.
 *
 * <p>The data subject reaches the value serializers as a per-call attribute of Jackson's
 * {@link SerializerProvider}, set by a wrapper around the event's own serializer; no thread-local
 * or other shared mutable state is involved. The subject's active key is looked up once per event
 * written.
 */
public final class PersonalDataModule extends SimpleModule {

    public PersonalDataModule(PersonalDataKeys keys) {
        super("forewarn-personal-data");
        Objects.requireNonNull(keys, "keys");
        addSerializer(PhoneNumber.class, new SealingSerializer<>(PhoneNumber.class, PhoneNumber::e164));
        addSerializer(PersonalText.class, new SealingSerializer<>(PersonalText.class, PersonalText::text));
        addKeySerializer(PhoneNumber.class, new RefusingKeySerializer<>(PhoneNumber.class));
        addKeySerializer(PersonalText.class, new RefusingKeySerializer<>(PersonalText.class));
        addDeserializer(PhoneNumber.class,
                new OpeningDeserializer<>(PhoneNumber.class, "e164", PhoneNumber::new, PhoneNumber.ERASED, keys));
        addDeserializer(PersonalText.class,
                new OpeningDeserializer<>(PersonalText.class, "text", PersonalText::new, PersonalText.ERASED, keys));
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return PersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new SubjectBinding(serializer, keys) : serializer;
            }
        });
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return PersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new SubjectCheck(deserializer) : deserializer;
            }
        });
    }

    /** Seals the values of one event with its subject's key, looked up when the first value needs it. */
    private static final class Sealer {

        private final PersonalDataKeys keys;
        private final String subject;
        private SubjectKey key;

        Sealer(PersonalDataKeys keys, String subject) {
            this.keys = keys;
            this.subject = subject;
        }

        boolean hasSubject() {
            return subject != null && !subject.isBlank();
        }

        String seal(String plaintext) {
            if (key == null) {
                key = keys.activeKey(subject);
            }
            return SealedValue.seal(key, plaintext);
        }
    }

    /** The data subjects named by the sealed values of one event being read. */
    private static final class SubjectsSeen {

        private final Set<String> subjects = new HashSet<>(2);
    }

    /** Around the serializer of a {@code PersonalData} type: its values are sealed for its subject. */
    private static final class SubjectBinding extends JsonSerializer<Object>
            implements ContextualSerializer, ResolvableSerializer {

        private final JsonSerializer<Object> delegate;
        private final PersonalDataKeys keys;

        @SuppressWarnings("unchecked")
        SubjectBinding(JsonSerializer<?> delegate, PersonalDataKeys keys) {
            this.delegate = (JsonSerializer<Object>) delegate;
            this.keys = keys;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object outer = provider.getAttribute(Sealer.class);
            provider.setAttribute(Sealer.class, new Sealer(keys, ((PersonalData) value).dataSubjectId()));
            try {
                delegate.serialize(value, gen, provider);
            } finally {
                provider.setAttribute(Sealer.class, outer);
            }
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            Object outer = provider.getAttribute(Sealer.class);
            provider.setAttribute(Sealer.class, new Sealer(keys, ((PersonalData) value).dataSubjectId()));
            try {
                delegate.serializeWithType(value, gen, provider, types);
            } finally {
                provider.setAttribute(Sealer.class, outer);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (delegate instanceof ContextualSerializer contextual) {
                JsonSerializer<?> contextualised = contextual.createContextual(provider, property);
                return contextualised == delegate ? this : new SubjectBinding(contextualised, keys);
            }
            return this;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
            JsonSerializer<Object> unwrapping = delegate.unwrappingSerializer(unwrapper);
            return unwrapping == delegate ? this : new SubjectBinding(unwrapping, keys);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public boolean usesObjectId() {
            return delegate.usesObjectId();
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }

        @Override
        public JsonSerializer<?> getDelegatee() {
            return delegate;
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type)
                throws JsonMappingException {
            delegate.acceptJsonFormatVisitor(visitor, type);
        }
    }

    /** Writes a personal value sealed, or refuses when no enclosing event names its subject. */
    private static final class SealingSerializer<T> extends StdScalarSerializer<T> {

        private final Function<T, String> plaintext;

        SealingSerializer(Class<T> type, Function<T, String> plaintext) {
            super(type);
            this.plaintext = plaintext;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Sealer sealer = (Sealer) provider.getAttribute(Sealer.class);
            if (sealer == null) {
                provider.reportMappingProblem("a %s may only be stored inside an event that is %s; "
                        + "personal data is never stored in clear", handledType().getSimpleName(),
                        PersonalData.class.getSimpleName());
            }
            if (!sealer.hasSubject()) {
                provider.reportMappingProblem("an event holding a %s names no data subject",
                        handledType().getSimpleName());
            }
            gen.writeString(sealer.seal(plaintext.apply(value)));
        }
    }

    /** Map keys cannot be sealed (a key must stay equal to itself), so personal values are no keys. */
    private static final class RefusingKeySerializer<T> extends StdSerializer<T> {

        RefusingKeySerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.reportMappingProblem("a %s cannot be stored as a map key; personal data is never stored in clear",
                    handledType().getSimpleName());
        }
    }

    /** Reads a personal value: sealed (opened, or erased once its key is gone) or in the legacy clear form. */
    private static final class OpeningDeserializer<T> extends StdScalarDeserializer<T> {

        private final String legacyField;
        private final Function<String, T> create;
        private final T erased;
        private final PersonalDataKeys keys;

        OpeningDeserializer(Class<T> type, String legacyField, Function<String, T> create, T erased,
                            PersonalDataKeys keys) {
            super(type);
            this.legacyField = legacyField;
            this.create = create;
            this.erased = erased;
            this.keys = keys;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return open(p.getText(), ctxt);
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME) {
                JsonNode legacy = ctxt.readTree(p);
                JsonNode value = legacy.get(legacyField);
                if (value == null || !value.isTextual()) {
                    return ctxt.reportInputMismatch(this, "a %s in clear needs the text field '%s'",
                            handledType().getSimpleName(), legacyField);
                }
                return create.apply(value.textValue());
            }
            @SuppressWarnings("unchecked")
            T unexpected = (T) ctxt.handleUnexpectedToken(handledType(), p);
            return unexpected;
        }

        private T open(String text, DeserializationContext ctxt) throws IOException {
            String type = handledType().getSimpleName();
            if (!SealedValue.looksSealed(text)) {
                return ctxt.reportInputMismatch(this, "a %s is stored neither sealed nor in its clear object form",
                        type);
            }
            SubjectsSeen seen = (SubjectsSeen) ctxt.getAttribute(SubjectsSeen.class);
            if (seen == null) {
                return ctxt.reportInputMismatch(this, "a sealed %s outside an event that is %s", type,
                        PersonalData.class.getSimpleName());
            }
            SealedValue sealed;
            try {
                sealed = SealedValue.parse(text);
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(this, "%s: %s", type, e.getMessage());
            }
            seen.subjects.add(sealed.subjectId());
            Optional<SecretKey> key = keys.key(sealed.subjectId(), sealed.generation());
            if (key.isEmpty()) {
                return erased;
            }
            try {
                return create.apply(sealed.open(key.get()));
            } catch (AEADBadTagException e) {
                return ctxt.reportInputMismatch(this, "a sealed %s does not open with the key it names: "
                        + "it was altered", type);
            }
        }
    }

    /** Around the deserializer of a {@code PersonalData} type: its sealed values must be its own subject's. */
    private static final class SubjectCheck extends DelegatingDeserializer {

        SubjectCheck(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new SubjectCheck(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object outer = ctxt.getAttribute(SubjectsSeen.class);
            SubjectsSeen seen = new SubjectsSeen();
            ctxt.setAttribute(SubjectsSeen.class, seen);
            try {
                return checked(_delegatee.deserialize(p, ctxt), seen, ctxt);
            } finally {
                ctxt.setAttribute(SubjectsSeen.class, outer);
            }
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types)
                throws IOException {
            Object outer = ctxt.getAttribute(SubjectsSeen.class);
            SubjectsSeen seen = new SubjectsSeen();
            ctxt.setAttribute(SubjectsSeen.class, seen);
            try {
                return checked(_delegatee.deserializeWithType(p, ctxt, types), seen, ctxt);
            } finally {
                ctxt.setAttribute(SubjectsSeen.class, outer);
            }
        }

        private Object checked(Object value, SubjectsSeen seen, DeserializationContext ctxt) throws IOException {
            if (value instanceof PersonalData data) {
                for (String subject : seen.subjects) {
                    if (!subject.equals(data.dataSubjectId())) {
                        return ctxt.reportInputMismatch(this, "an event of data subject %s holds personal data "
                                + "sealed for %s: it was moved there", data.dataSubjectId(), subject);
                    }
                }
            }
            return value;
        }
    }
}
