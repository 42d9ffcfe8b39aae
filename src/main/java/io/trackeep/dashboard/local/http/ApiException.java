package io.trackeep.dashboard.local.http;

import java.util.Map;

/**
 * A request the API refuses (400, 401, 404, 405, 413): thrown by handlers and middleware and
 * turned into the JSON error response by the dispatcher. The message is shown to the client, so
 * it says what was wrong with the request and nothing about the server's internals.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "Bad request", message, Map.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "Not found", message, Map.of());
    }

    public static ApiException methodNotAllowed(String message, String allow) {
        return new ApiException(405, "Method not allowed", message, Map.of("Allow", allow));
    }

    /** The connection is closed after this answer: the rest of the body is never read. */
    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "Payload too large", "The request body exceeds " + limit + " bytes",
                Map.of("Connection", "close"));
    }

    public int status() { return status; }

    public ApiResponse toResponse() {
        return ApiResponse.error(status, error, getMessage()).withHeaders(headers);
    }
}
