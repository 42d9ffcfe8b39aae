package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Reading Redis URIs the way redis-cli does, and never showing their secret in an error. */
class RedisUriTest {

    /** Printable ASCII, all of it: what a password generator or a person may put in a password. */
    private static final String PRINTABLE;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            b.append(c);
        }
        PRINTABLE = b.toString();
    }

    @Test
    void readsEveryPart() {
        RedisUri u = RedisUri.parse("rediss://admin:s3cret@redis.example.org:6380/2");
        assertThat(u).isEqualTo(new RedisUri(true, "admin", "s3cret", "redis.example.org", 6380, 2));
        assertThat(RedisUri.parse("redis://h")).isEqualTo(new RedisUri(false, null, null, "h", 6379, 0));
        assertThat(RedisUri.parse("REDIS://h:1/")).isEqualTo(new RedisUri(false, null, null, "h", 1, 0));
        assertThat(RedisUri.parse("redis://[::1]:7000/3")).isEqualTo(new RedisUri(false, null, null, "::1", 7000, 3));
        assertThat(RedisUri.parse("  redis://h:1  ").port()).isEqualTo(1);
    }

    @Test
    void userInfoWithoutAColonIsThePasswordAsForRedisCli() {
        assertThat(RedisUri.parse("redis://secret@h")).isEqualTo(new RedisUri(false, null, "secret", "h", 6379, 0));
        assertThat(RedisUri.parse("redis://:secret@h").password()).isEqualTo("secret");
        assertThat(RedisUri.parse("redis://user:@h")).isEqualTo(new RedisUri(false, "user", null, "h", 6379, 0));
        assertThat(RedisUri.parse("redis://@h")).isEqualTo(new RedisUri(false, null, null, "h", 6379, 0));
    }

    /** The report's example: java.net.URI took "/ss@host:1" for a path and said "no host", password included. */
    @Test
    void aSlashInThePasswordIsPartOfThePassword() {
        RedisUri u = RedisUri.parse("redis://:pa/ss@host:1");
        assertThat(u.password()).isEqualTo("pa/ss");
        assertThat(u.host()).isEqualTo("host");
        assertThat(u.port()).isEqualTo(1);
    }

    /** The report's example: URLDecoder turned '+' into a space, so the server said WRONGPASS. */
    @Test
    void plusStaysPlusAndOnlyPercentEscapesAreDecoded() {
        assertThat(RedisUri.parse("redis://:a+b@h").password()).isEqualTo("a+b");
        assertThat(RedisUri.parse("redis://:a%2Bb%20c%40d%25e@h").password()).isEqualTo("a+b c@d%e");
        assertThat(RedisUri.parse("redis://us%3Aer:p@h").username()).isEqualTo("us:er");
        assertThat(RedisUri.parse("redis://:%C3%A9t%C3%A9@h").password()).isEqualTo("été");
    }

    /** Raw base64 passwords (as openssl rand -base64 and most generators make them) work unescaped. */
    @Test
    void rawBase64PasswordsOfEveryShapeAreReadBack() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(48)];
            random.nextBytes(bytes);
            String password = (i % 2 == 0 ? Base64.getEncoder() : Base64.getUrlEncoder()).encodeToString(bytes);
            RedisUri u = RedisUri.parse("redis://:" + password + "@10.0.0.1:6380/1");
            assertThat(u.password()).as(password).isEqualTo(password);
            assertThat(u.host()).isEqualTo("10.0.0.1");
            assertThat(u.database()).isEqualTo(1);
            RedisUri withUser = RedisUri.parse("rediss://svc:" + password + "@h");
            assertThat(withUser.username()).isEqualTo("svc");
            assertThat(withUser.password()).as(password).isEqualTo(password);
        }
    }

    /** Any printable ASCII but '%' may stand raw in a password: ':' after the first, '@', '/', '?', '#'. */
    @Test
    void rawPrintablePasswordsWithoutPercentAreReadBack() {
        Random random = new Random(12);
        String alphabet = PRINTABLE.replace("%", "");
        for (int i = 0; i < 2_000; i++) {
            String password = randomString(random, alphabet, 1 + random.nextInt(40));
            assertThat(RedisUri.parse("redis://u:" + password + "@h:9").password()).as(password).isEqualTo(password);
        }
    }

    /** Whatever the user name and password, what {@link RedisUri#withCredentials()} writes is read back exactly. */
    @Test
    void encodedCredentialsOfAnyCharacterRoundTrip() {
        Random random = new Random(13);
        String alphabet = PRINTABLE + " \té€😀\u0000";
        for (int i = 0; i < 2_000; i++) {
            String user = i % 3 == 0 ? null : randomString(random, alphabet, 1 + random.nextInt(12));
            String password = randomString(random, alphabet, 1 + random.nextInt(40));
            RedisUri u = new RedisUri(i % 2 == 0, user, password, i % 5 == 0 ? "::1" : "cache.internal", 1 + random.nextInt(65_535),
                    random.nextInt(16));
            assertThat(RedisUri.parse(u.withCredentials())).as(u.withCredentials()).isEqualTo(u);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://:%s@h:1",           // wrong scheme
            ":%s@h:1",                  // no scheme
            "redis://:%s@",             // no host
            "redis://:%s@:6379",        // no host, a port
            "redis://:%s@h:0",          // port out of range
            "redis://:%s@h:99999",
            "redis://:%s@h:port",
            "redis://:%s@h:",
            "redis://:%s@h/db",         // database not a number
            "redis://:%s@h:1/2/3",
            "redis://:%s@h h",          // blank in the host
            "redis://:%s@[::1",         // unclosed IPv6
            "redis://:%s%%zz@h",        // bad escape in the password
            "redis://u%%:%s@h",         // bad escape in the user name
            "redis://:%s%%ff@h",        // decodes to bytes that are not UTF-8
    })
    void errorsSayWhatIsWrongButNeverThePassword(String template) {
        Random random = new Random(template.hashCode());
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[8 + random.nextInt(24)];
            random.nextBytes(bytes);
            String password = Base64.getEncoder().encodeToString(bytes);
            String uri = template.formatted(password);
            Throwable error = catchThrowable(() -> RedisUri.parse(uri));
            assertThat(error).as(uri).isInstanceOf(IllegalArgumentException.class);
            assertThat(error.getMessage()).as(uri).doesNotContain(password).isNotBlank();
            // Nor any sizeable piece of it (a message that quotes "from the slash on" leaks half).
            for (String piece : password.split("[/+=]")) {
                if (piece.length() >= 6) {
                    assertThat(error.getMessage()).as(uri).doesNotContain(piece);
                }
            }
        }
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> RedisUri.parse("http://h")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisUri.parse("redis://:pa/ss@")).hasMessage("Redis URI has no host: redis://****@");
        assertThatThrownBy(() -> RedisUri.parse("redis://h/x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> RedisUri.parse("redis://h:70000")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> RedisUri.parse("redis://:100%@h")).hasMessageContaining("%25");
        assertThatThrownBy(() -> RedisUri.parse("")).hasMessageContaining("empty");
    }

    @Test
    void redactHidesEverythingUpToTheLastAt() {
        assertThat(RedisUri.redact("redis://:pa/ss@host:1")).isEqualTo("redis://****@host:1");
        assertThat(RedisUri.redact("redis://u:p@ss@host")).isEqualTo("redis://****@host");
        assertThat(RedisUri.redact(":secret@host")).isEqualTo("****@host");
        assertThat(RedisUri.redact("redis://host:1")).isEqualTo("redis://host:1");
        assertThat(RedisUri.redact(null)).isEqualTo("null");
    }

    @Test
    void redactAllHidesTheUserInfoOfEveryUriInAText() {
        String text = "Connecting to redis://admin:a/b+c=@h:1 failed; also tried rediss://:x@y and http://u:p@web/x";
        assertThat(RedisUri.redactAll(text))
                .isEqualTo("Connecting to redis://****@h:1 failed; also tried rediss://****@y and http://****@web/x");
        assertThat(RedisUri.redactAll("no uri here: user@example.org")).isEqualTo("no uri here: user@example.org");
    }

    @Test
    void accessErrorsCannotCarryAPasswordInAUri() {
        RedisAccessException e = new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                "Connecting to redis://:pa/ss@host:1 failed");
        assertThat(e.getMessage()).isEqualTo("Connecting to redis://****@host:1 failed");
    }

    @Test
    void toStringNeverShowsThePassword() {
        RedisUri u = RedisUri.parse("redis://u:topsecret@h:1/2");
        assertThat(u.toString()).doesNotContain("topsecret").contains("u@redis://h:1/2");
        assertThat(u.endpoint()).isEqualTo("redis://h:1");
    }

    @Test
    void settingsTakeTheCredentialsOutOfTheUri() {
        RedisSettings s = RedisSettings.fromUri("redis://:pa/ss+w=@host:1/3");
        assertThat(s.uri()).isEqualTo("redis://host:1");
        assertThat(s.password()).isEqualTo("pa/ss+w=");
        assertThat(s.database()).isEqualTo(3);
        assertThat(RedisSettings.fromUri(s.uriWithCredentials())).isEqualTo(s);
        assertThatThrownBy(() -> new RedisSettings("redis://:p/w@h", null, null, 0, null, null, null, false, null))
                .hasMessageContaining("credentials separately").hasMessageNotContaining("p/w");
    }

    private static String randomString(Random random, String alphabet, int length) {
        List<Integer> codePoints = new ArrayList<>();
        alphabet.codePoints().forEach(codePoints::add);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(codePoints.get(random.nextInt(codePoints.size())));
        }
        return b.toString();
    }
}
