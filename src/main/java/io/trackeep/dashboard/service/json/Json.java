package io.trackeep.dashboard.service.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration of the project. Unknown fields are ignored (the Go backend may
 * add some); java.time types are written as ISO strings, not numbers. Surrogates are written as
 * {@code \}{@code uNNNN} escapes, so a byte that is not UTF-8 (a lone surrogate of
 * {@code LosslessStringCodec}) stays exact in JSON text instead of turning into '?' on the way
 * out; a character beyond U+FFFF becomes an escaped pair, which every JSON reader joins again.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory().setCharacterEscapes(new SurrogateEscapes()))
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() { return MAPPER; }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON for " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON into a type; malformed input becomes {@link MalformedJsonException} with a short reason. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON tree of a value, as {@link #write} would write it, made without writing and parsing text. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage(), e);
        }
    }

    /**
     * JSON's standard escapes, plus a {@code \}{@code uNNNN} escape for every surrogate (see the
     * class comment) and for what a terminal would obey or reorder if JSON output were printed
     * raw: DEL, the C1 controls (0x9B is CSI), bidirectional overrides, line separators.
     */
    private static final class SurrogateEscapes extends CharacterEscapes {
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        static {
            ASCII[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() { return ASCII; }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean escape = Character.isSurrogate((char) ch) || (ch >= 0x80 && ch <= 0x9F)
                    || ch == 0x061C || ch == 0x200E || ch == 0x200F || (ch >= 0x202A && ch <= 0x202E)
                    || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x2028 || ch == 0x2029;
            return escape ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /** A value that should be JSON and is not. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException(String message, Throwable cause) {
            super("Malformed JSON: " + message, cause);
        }
    }
}
