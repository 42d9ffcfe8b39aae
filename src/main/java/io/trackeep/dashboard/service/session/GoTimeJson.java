package io.trackeep.dashboard.service.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.trackeep.dashboard.service.json.GoTime;

import java.io.IOException;
import java.time.OffsetDateTime;

/** Jackson adapters writing and reading {@link OffsetDateTime} as Go's {@code time.Time} does. */
final class GoTimeJson {

    private GoTimeJson() {
    }

    static final class Writer extends JsonSerializer<OffsetDateTime> {
        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(GoTime.format(value));
        }
    }

    static final class Reader extends JsonDeserializer<OffsetDateTime> {
        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            String text = p.getText();
            try {
                return GoTime.parse(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, OffsetDateTime.class, "not an RFC 3339 timestamp");
            }
        }
    }
}
