package io.trackeep.dashboard.service.redis;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each failure a user can meet is one sentence that says what is wrong and what to do, from real
 * servers: a missing password, something else than Redis on the port, a server that refuses
 * connections and one that stopped answering (which need different fixes, so they read differently).
 */
@ExtendWith(RedisServerExtension.class)
class RedisErrorsTest {

    private static final Duration SHORT = Duration.ofMillis(700);

    /** It came back as the server's NOAUTH text cut off mid-word ("...select the RESP protocol version at the same time" cut at "sele"). */
    @Test
    void aMissingPasswordIsSaidAsSuchWithWhereToPutIt(RedisServerProcess server) {
        RedisSettings noPassword = server.settings().withPassword(null);
        RedisAccessException e = catchThrowableOfType(() -> RedisConnections.open(noPassword), RedisAccessException.class);

        assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.AUTH_FAILED);
        assertThat(e.getMessage()).isEqualTo("Connecting to " + noPassword.describe()
                + ": Redis asks for a password and none was given; set the profile's password (command line: in the URI or REDIS_PASSWORD)");
    }

    @Test
    void aKeyOfAnotherTypeIsSaidForTheAdminWithoutTheScriptShaRedisAppends(RedisConnections redis) {
        redis.sync().set("tk:challenge:11:leaderboard", "not a board");

        RedisAccessException e = catchThrowableOfType(() -> RedisErrors.call("Reading leaderboard 11",
                () -> redis.sync().eval("return redis.call('ZCARD', KEYS[1])", io.lettuce.core.ScriptOutputType.INTEGER,
                        "tk:challenge:11:leaderboard")), RedisAccessException.class);

        assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED);
        assertThat(e.getMessage()).isEqualTo("Reading leaderboard 11: " + RedisErrors.WRONG_TYPE)
                .contains("WRONGTYPE").doesNotContain("script", "@user_script");
    }

    @Test
    void aDatabaseTheServerDoesNotHaveIsSaidAsSuchNotAsUnreachable(RedisServerProcess server) {
        RedisSettings db99 = RedisSettings.fromUri("redis://127.0.0.1:" + server.port() + "/99")
                .withPassword(server.settings().password());

        RedisAccessException e = catchThrowableOfType(() -> RedisConnections.open(db99), RedisAccessException.class);

        assertThat(e.getMessage()).contains("no database of the number in the URI", "below its 'databases' setting")
                .doesNotContain("unreachable");
    }

    @Test
    void aLongServerTextIsCutAtAWordNeverInsideOne() {
        String text = "NOPERM " + "this user has no permissions to run the 'evalsha' command ".repeat(6);
        String quoted = RedisErrors.quote(text);
        assertThat(quoted).endsWith("…").hasSizeLessThanOrEqualTo(201);
        String body = quoted.substring(0, quoted.length() - 1);
        assertThat(text).startsWith(body);
        assertThat(text.charAt(body.length())).as("cut before a blank").isEqualTo(' ');
    }

    /** It said "Invalid first byte: 72 (H) at buffer index 1 decoding using null". */
    @Test
    void anHttpServerOnThePortIsNamedAsSuch() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread answering = answerEveryConnection(http, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            RedisSettings settings = RedisSettings.fromUri("redis://127.0.0.1:" + http.getLocalPort()).withTimeouts(SHORT, SHORT);
            RedisAccessException e = catchThrowableOfType(() -> RedisConnections.open(settings), RedisAccessException.class);

            assertThat(e.getMessage()).isEqualTo("Connecting to " + settings.describe() + ": what answers on that host and port"
                    + " is not Redis (its reply starts with 'H', as an HTTP server's does); check the port");
            answering.interrupt();
        }
    }

    @Test
    void aRefusedConnectionSaysNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RedisSettings settings = RedisSettings.fromUri("redis://127.0.0.1:" + closedPort).withTimeouts(SHORT, SHORT);
        RedisAccessException e = catchThrowableOfType(() -> RedisConnections.open(settings), RedisAccessException.class);

        assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("connection refused: nothing accepts connections on that host and port");
    }

    /** A frozen server accepts connections (the kernel does) but never answers: that is no "refused". */
    @Test
    void aStalledServerIsSaidToHaveStoppedAnsweringForNewAndOpenConnections(RedisServerProcess server) {
        RedisSettings settings = server.settings().withTimeouts(SHORT, SHORT);
        try (RedisConnections open = RedisConnections.open(settings); Faults.Stall stall = Faults.stall(server)) {
            RedisAccessException onOpen = catchThrowableOfType(() -> RedisErrors.call("PING", () -> open.sync().ping()),
                    RedisAccessException.class);
            assertThat(onOpen.kind()).isEqualTo(RedisAccessException.Kind.TIMEOUT);
            assertThat(onOpen.getMessage()).isEqualTo("PING: Redis stopped answering (no reply within 700 millisecond(s)):"
                    + " it is stalled, overloaded or cut off");

            RedisAccessException onNew = catchThrowableOfType(() -> RedisConnections.open(settings), RedisAccessException.class);
            assertThat(onNew.getMessage()).contains("it stopped answering").doesNotContain("refused");
        }
    }

    /** Lettuce's "Currently not connected" says nothing; the connection knows why it is down. */
    @Test
    void aCommandRejectedWhileReconnectingSaysWhyTheConnectionIsDown(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings().withTimeouts(SHORT, SHORT))) {
            server.stop();
            AtomicReference<String> message = new AtomicReference<>();
            WaitFor.condition(Duration.ofSeconds(20), "a rejected command that says the server refused", () -> {
                try {
                    redis.sync().ping();
                    return false;
                } catch (RuntimeException e) {
                    message.set(redis.translate("PING", e).getMessage());
                    return message.get().contains("refused");
                }
            });
            assertThat(message.get()).isEqualTo("PING: Redis is unreachable (connection refused: nothing accepts connections"
                    + " on that host and port; is Redis running?; reconnecting)");
        } finally {
            server.restart();
        }
    }

    private static Thread answerEveryConnection(ServerSocket listener, String answer) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Socket s = listener.accept()) {
                    s.getInputStream().read(new byte[256]);
                    OutputStream out = s.getOutputStream();
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-http");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
