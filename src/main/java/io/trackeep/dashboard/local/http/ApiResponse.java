package io.trackeep.dashboard.local.http;

import io.trackeep.dashboard.service.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer: status, headers and a JSON body (empty for 204). Immutable: middleware adds
 * headers with {@link #withHeader}, which returns a copy.
 *
 * @param status  HTTP status code
 * @param headers response headers other than {@code Content-Type}
 * @param body    UTF-8 JSON, or empty
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** {@code value} written as JSON (a record, map, list or tree). */
    public static ApiResponse json(int status, Object value) {
        return raw(status, Json.write(value));
    }

    /** A body that is JSON already (a cached response, a stored session), sent byte for byte. */
    public static ApiResponse raw(int status, String json) {
        return new ApiResponse(status, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), new byte[0]);
    }

    /** The error body every failure carries: {@code {"error": <status text>, "message": <what to do>}}. */
    public static ApiResponse error(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return json(status, body);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new ApiResponse(status, copy, body);
    }
}
