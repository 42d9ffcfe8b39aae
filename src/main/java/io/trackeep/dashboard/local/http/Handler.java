package io.trackeep.dashboard.local.http;

/**
 * Answers one request. Throws {@link ApiException} for a request it refuses; any other exception
 * becomes a 503 (Redis unavailable) or a 500 in {@link ApiErrors}.
 */
@FunctionalInterface
public interface Handler {

    ApiResponse handle(ApiRequest request);
}
