package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.session.Session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the handlers see it: method, path, query, headers, the client it is counted
 * against, the path parameters of its route, the session the session stage found, and its body
 * (at most {@link #MAX_BODY_BYTES}: the server refuses a longer one with 413 before it gets here).
 * Immutable; middleware passes copies made with the {@code with...} methods.
 */
public final class ApiRequest {

    /** Largest body accepted: 1 MiB. The server refuses a larger one with 413 (a declared one without reading it). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final String client;
    private final Map<String, String> pathParams;
    private final Session session;
    private final byte[] body;

    private ApiRequest(String method, String path, String rawQuery, Map<String, String> query, Map<String, String> headers,
                       String client, Map<String, String> pathParams, Session session, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = query;
        this.headers = headers;
        this.client = client;
        this.pathParams = pathParams;
        this.session = session;
        this.body = body;
    }

    /**
     * @param rawQuery the query as sent (still percent-encoded), or null
     * @param headers  the first value of each header, by name (looked up regardless of case)
     * @throws ApiException 400 when the query is not valid percent-encoding
     */
    public static ApiRequest of(String method, String path, String rawQuery, Map<String, String> headers, String client,
                                byte[] body) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return new ApiRequest(method, path, rawQuery == null ? "" : rawQuery, parseQuery(rawQuery), byName, client,
                Map.of(), null, body == null ? new byte[0] : body);
    }

    public String method() { return method; }

    /** The decoded path as sent, e.g. {@code /api/items}. */
    public String path() { return path; }

    /** The query as sent, percent-encoding kept ({@code ""} when none): part of the cache keys, as in the Go backend. */
    public String rawQuery() { return rawQuery; }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Who this request counts against: the peer, or the first X-Forwarded-For address of a trusted (loopback) proxy. */
    public String client() { return client; }

    /** A {@code {name}} of the route's path pattern; the router guarantees it is present and not empty. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("The route has no path parameter {" + name + "}");
        }
        return value;
    }

    /** The session named by {@code X-Session-ID}, when the route looks it up and it is valid. */
    public Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** The session a route that requires one was given (the session stage answered 401 otherwise). */
    public Session requireSession() {
        return session().orElseThrow(() -> ApiException.unauthorized("A valid X-Session-ID header is required"));
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, rawQuery, query, headers, client, Map.copyOf(params), session, body);
    }

    public ApiRequest withSession(Session found) {
        return new ApiRequest(method, path, rawQuery, query, headers, client, pathParams, found, body);
    }

    /**
     * The body parsed as a JSON object.
     *
     * @throws ApiException 400 when empty, not JSON or not an object
     */
    public JsonNode jsonObject() {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ApiException.badRequest("A JSON object body is required");
        }
        JsonNode node;
        try {
            node = Json.tree(text);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        return node;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The query string is not valid percent-encoding");
        }
    }
}
