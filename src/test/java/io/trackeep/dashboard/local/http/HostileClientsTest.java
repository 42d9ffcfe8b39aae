package io.trackeep.dashboard.local.http;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.LogCapture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API against clients that misbehave and a Redis that stalls: sixteen slow clients took
 * the JDK's server down; during a Redis stall {@code GET /} took up to 12 s and {@code /health}
 * said 503 only after 12.5 s; a body shorter than its Content-Length got a 500 and a stack trace.
 * Deadlines here are generous and relative to the command timeout, which is set long on purpose:
 * what is checked is "did not wait for Redis", not speed.
 */
@ExtendWith(RedisServerExtension.class)
class HostileClientsTest {

    /** Long, so that "answered before the command timeout" cannot be luck on a slow machine. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(6);

    private LocalInstance local;

    @BeforeEach
    void start(RedisServerProcess server) {
        local = LocalInstance.start(LocalInstance.Options.defaults()
                .withExternalRedis(server.settings().withTimeouts(Duration.ofSeconds(3), COMMAND_TIMEOUT)));
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void slowClientsHoldConnectionsNotTheServerAndAreCutOff() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (Socket s : slow) {
                s.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII)); // trickling on
            }

            assertThat(exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", Duration.ofSeconds(5)))
                    .startsWith("HTTP/1.1 200 ");
            assertThat(client().get("/health").statusCode()).isEqualTo(200);

            // A request that does not arrive whole within the request timeout is answered 408 and cut off.
            Socket first = slow.get(0);
            first.setSoTimeout((int) ApiServer.REQUEST_TIMEOUT.plusSeconds(20).toMillis());
            String answer = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"error\":\"Request timeout\"");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void malformedRequestsGet4xxAndNoStackTraceInTheLog() throws Exception {
        try (LogCapture log = new LogCapture()) {
            String login = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
            for (int i = 0; i < 3; i++) {
                assertThat(exchangeHalfClosed(login + "{\"user_id\":1")).as("a body shorter than its Content-Length")
                        .startsWith("HTTP/1.1 400 ").contains("shorter than its Content-Length");
            }
            assertThat(exchangeHalfClosed("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("not valid HTTP/1.1");
            assertThat(exchangeHalfClosed("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
            assertThat(exchangeHalfClosed("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 431 ");
            assertThat(exchangeHalfClosed("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");

            assertThat(log.withStackTraces()).isEmpty();
        }
        assertThat(client().get("/").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String two = "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String answers = exchange(two, Duration.ofSeconds(20));
        int health = answers.indexOf("\"status\":\"UP\"");
        int index = answers.indexOf("\"service\":\"Trackeep local instance\"");
        assertThat(health).isPositive();
        assertThat(index).isGreaterThan(health);
    }

    @Test
    void duringARedisStallWhatNeedsNoRedisAnswersAtOnceAndTheRestBy503WithinTheCommandTimeout(RedisServerProcess server)
            throws Exception {
        Api api = client();
        List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
        try (Faults.Stall stall = Faults.stall(server)) {
            for (int i = 0; i < 64; i++) { // more than there are workers: all of them wait for Redis
                load.add(new Api(local.httpBaseUrl(), "192.0.2." + (i + 1)).getAsync("/api/items?page=" + i));
            }
            long start = System.nanoTime();
            HttpResponse<String> index = api.get("/");
            Duration indexTook = Duration.ofNanos(System.nanoTime() - start);
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(indexTook).as("GET / waited for Redis").isLessThan(COMMAND_TIMEOUT.dividedBy(2));

            start = System.nanoTime();
            HttpResponse<String> health = api.get("/health");
            Duration healthTook = Duration.ofNanos(System.nanoTime() - start);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Api.json(health).get("status").asText()).isEqualTo("DOWN");
            assertThat(Api.json(health).get("redis").get("problem").asText()).contains("stopped answering");
            assertThat(healthTook).as("/health beyond the command timeout").isLessThan(COMMAND_TIMEOUT.plusSeconds(3));

            for (CompletableFuture<HttpResponse<String>> f : load) {
                HttpResponse<String> r = f.join();
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(Api.json(r).get("message").asText()).isEqualTo("Redis is unavailable; try again shortly");
            }
        }
        WaitFor.condition(Duration.ofSeconds(30), "the API to reach Redis after the stall",
                () -> api.get("/health").statusCode() == 200);
    }

    private Api client() {
        return new Api(local.httpBaseUrl(), "192.0.2.200");
    }

    private Socket connect() throws IOException {
        return new Socket(local.httpBaseUrl().getHost(), local.httpBaseUrl().getPort());
    }

    /** Sends the bytes and reads until the server closes (or the timeout). */
    private String exchange(String request, Duration timeout) throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(s.getInputStream());
        }
    }

    /** Sends the bytes, shuts down this side (as a client that has said all it will say) and reads the answer. */
    private String exchangeHalfClosed(String request) throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "(no answer: " + e.getMessage() + ")";
        }
    }
}
