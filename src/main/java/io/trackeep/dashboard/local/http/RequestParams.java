package io.trackeep.dashboard.local.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Path and query parameters checked the same way everywhere, answering 400 with the parameter's name. */
final class RequestParams {

    /** Challenge and conversation ids: what fits into a key name without ':' or '*'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RequestParams() {
    }

    static String id(ApiRequest request, String name) {
        String value = request.pathParam(name);
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest("Path parameter '" + name + "' must be 1 to 64 letters, digits, '-' or '_'");
        }
        return value;
    }

    static long userId(ApiRequest request, String name) {
        String value = request.pathParam(name);
        try {
            long id = Long.parseLong(value);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Path parameter '" + name + "' must be a whole number >= 0");
    }

    static int intQuery(ApiRequest request, String name, int defaultValue, int min, int max) {
        String value = request.query(name).orElse(null);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Query parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }

    static String requiredQuery(ApiRequest request, String name, int maxLength) {
        String value = request.query(name).map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw ApiException.badRequest("Query parameter '" + name + "' is required");
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest("Query parameter '" + name + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    static LocalDate dateQuery(ApiRequest request, String name) {
        String value = requiredQuery(request, name, 10);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be a date YYYY-MM-DD");
        }
    }
}
