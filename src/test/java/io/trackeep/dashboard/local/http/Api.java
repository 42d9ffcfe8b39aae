package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A test client of the local instance's API over real HTTP, acting as one client address
 * (sent as {@code X-Forwarded-For}, which the API trusts from loopback).
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final String client;
    private final String session;

    public Api(URI base, String client) {
        this(base, client, null);
    }

    private Api(URI base, String client, String session) {
        this.base = base;
        this.client = client;
        this.session = session;
    }

    /** The same client, sending {@code X-Session-ID}. */
    public Api withSession(String sessionId) {
        return new Api(base, client, sessionId);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", client);
        return session == null ? b : b.header("X-Session-ID", session);
    }

    /** Logs in as {@code userId} and returns the session id. */
    public String login(long userId, String username) {
        HttpResponse<String> r = post("/api/login", "{\"user_id\":" + userId + ",\"username\":\"" + username
                + "\",\"email\":\"" + username + "@example.com\",\"role\":\"user\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("session_id").asText();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }
}
