package io.trackeep.dashboard.service.session;

import io.trackeep.dashboard.service.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON of a session, byte for byte as the Go backend's {@code SessionData} marshals. */
class SessionJsonTest {

    /** Exactly what Go's encoding/json writes for a SessionData (field order of the struct, no spaces). */
    static final String GO_WRITTEN = "{\"user_id\":42,\"email\":\"ada@example.org\",\"username\":\"ada\",\"role\":\"admin\","
            + "\"session_id\":\"abc\",\"ip_address\":\"203.0.113.7\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\","
            + "\"created_at\":\"2026-11-27T10:00:00.123456789+02:00\",\"last_active\":\"2026-11-27T10:05:00.5Z\"}";

    @Test
    void readsWhatGoWrites() {
        Session s = Session.fromJson(GO_WRITTEN);
        assertThat(s.userId()).isEqualTo(42);
        assertThat(s.email()).isEqualTo("ada@example.org");
        assertThat(s.username()).isEqualTo("ada");
        assertThat(s.role()).isEqualTo("admin");
        assertThat(s.sessionId()).isEqualTo("abc");
        assertThat(s.ipAddress()).isEqualTo("203.0.113.7");
        assertThat(s.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(s.createdAt()).isEqualTo(OffsetDateTime.of(2026, 11, 27, 10, 0, 0, 123456789, ZoneOffset.ofHours(2)));
        assertThat(s.lastActive()).isEqualTo(OffsetDateTime.of(2026, 11, 27, 10, 5, 0, 500_000_000, ZoneOffset.UTC));
    }

    @Test
    void writesExactlyWhatGoWrites() {
        assertThat(Session.fromJson(GO_WRITTEN).toJson()).isEqualTo(GO_WRITTEN);
    }

    @Test
    void roundTripKeepsEveryField() {
        Session s = new Session(7, "e@x", "u", "user", "sid", "::1", "curl/8 \"quoted\" ünï",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHoursMinutes(-5, -30)),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(Session.fromJson(s.toJson())).isEqualTo(s);
        assertThat(s.toJson()).contains("\"created_at\":\"2026-01-02T03:04:05.000000006-05:30\"",
                "\"last_active\":\"2026-01-02T03:04:05Z\"", "\"user_id\":7,");
    }

    @Test
    void acceptsAnyFractionOffsetsAndUnknownFieldsLikeGo() {
        Session s = Session.fromJson("{\"user_id\":1,\"session_id\":\"x\",\"device\":{\"os\":\"linux\"},\"mfa\":true,"
                + "\"created_at\":\"2026-11-27T10:00:00.1-07:00\",\"last_active\":\"2026-11-27T10:00:00+00:00\"}");
        assertThat(s.createdAt().getNano()).isEqualTo(100_000_000);
        assertThat(s.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(s.lastActive().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void missingFieldsTakeGoZeroValues() {
        Session s = Session.fromJson("{\"session_id\":\"x\"}");
        assertThat(s.userId()).isZero();
        assertThat(s.email()).isEmpty();
        assertThat(s.createdAt()).isEqualTo(Session.GO_ZERO_TIME);
        assertThat(s.toJson()).contains("\"created_at\":\"0001-01-01T00:00:00Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2]",
            "{\"user_id\":\"forty-two\"}",
            "{\"user_id\":-1}",
            "{\"user_id\":1,\"created_at\":\"yesterday\"}",
            "{\"user_id\":1,\"created_at\":1732700000}",
            "{\"user_id\":1,"
    })
    void malformedValuesAreTypedErrors(String raw) {
        assertThatThrownBy(() -> Session.fromJson(raw)).isInstanceOf(Json.MalformedJsonException.class)
                .hasMessageStartingWith("Malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"email\":\"ann@example.org\"}", "{\"user_id\":42}", "{\"session_id\":\"x\"}", "\"x\"", "42", "[]", ""})
    void aStoredValueWithoutUserAndSessionIdIsNotASession(String raw) {
        assertThat(SessionEntry.of("sid", raw)).isInstanceOfSatisfying(SessionEntry.Malformed.class,
                m -> assertThat(m.reason()).startsWith("not a session"));
    }

    @Test
    void aStoredValueIsASessionWhenItNamesItsUserAndIdAndParses() {
        assertThat(SessionEntry.of("abc", GO_WRITTEN)).isInstanceOfSatisfying(SessionEntry.Valid.class,
                v -> assertThat(v.session()).isEqualTo(Session.fromJson(GO_WRITTEN)));
        assertThat(SessionEntry.of("x", "{\"user_id\":0,\"session_id\":\"x\"}")).isInstanceOf(SessionEntry.Valid.class);
        assertThat(SessionEntry.of("x", "{\"user_id\":\"forty-two\",\"session_id\":\"x\"}"))
                .isInstanceOfSatisfying(SessionEntry.Malformed.class, m -> assertThat(m.reason()).startsWith("Malformed JSON: Session"));
    }
}
