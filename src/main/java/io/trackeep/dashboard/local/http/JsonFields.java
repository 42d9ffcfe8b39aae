package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Reads fields of a request body, answering 400 with the field's name when one is missing or of the wrong kind. */
final class JsonFields {

    private JsonFields() {
    }

    /** A whole number ≥ 0 (user ids, as Go's {@code uint}). */
    static long userId(JsonNode body, String field) {
        return optionalUserId(body, field)
                .orElseThrow(() -> ApiException.badRequest("Field '" + field + "' is required (a whole number >= 0)"));
    }

    static Optional<Long> optionalUserId(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw ApiException.badRequest("Field '" + field + "' must be a whole number >= 0");
        }
        return Optional.of(node.asLong());
    }

    /** A finite number. */
    static double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("Field '" + field + "' is required (a number)");
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw ApiException.badRequest("Field '" + field + "' must be a finite number");
        }
        return node.asDouble();
    }

    /** A string that is not blank, at most {@code maxLength} characters. */
    static String text(JsonNode body, String field, int maxLength) {
        return optionalText(body, field, maxLength)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.badRequest("Field '" + field + "' is required (a non-empty string)"));
    }

    static Optional<String> optionalText(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("Field '" + field + "' must be a string");
        }
        if (node.asText().length() > maxLength) {
            throw ApiException.badRequest("Field '" + field + "' is longer than " + maxLength + " characters");
        }
        return Optional.of(node.asText());
    }

    static Optional<Boolean> optionalBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("Field '" + field + "' must be true or false");
        }
        return Optional.of(node.asBoolean());
    }
}
