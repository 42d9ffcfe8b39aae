package io.trackeep.dashboard.service.audit;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class AuditTrailTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:42.123456789Z");

    private static AuditTrail trail(RedisConnections redis) {
        return new AuditTrail(redis, "ws-admin-1", Clock.fixed(AT, ZoneOffset.UTC));
    }

    @Test
    void recordsAnActionWithTheAgreedFieldsAndReadsItBack(RedisConnections redis) {
        AuditTrail trail = trail(redis);

        AuditEntry written = trail.record("alice", "session.kill", "sess…f00d", "ok");

        assertThat(written.id()).matches("\\d+-\\d+");
        List<StreamMessage<String, String>> raw = redis.sync().xrange("tk:audit", io.lettuce.core.Range.unbounded());
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).getBody()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "who", "alice", "when", "2026-11-27T10:15:42.123456789Z", "action", "session.kill",
                "target", "sess…f00d", "result", "ok", "host", "ws-admin-1"));
        assertThat(trail.latest(10)).containsExactly(written);
        assertThat(written).isEqualTo(new AuditEntry(written.id(), "alice", AT, "session.kill", "sess…f00d", "ok", "ws-admin-1", Map.of()));
    }

    @Test
    void latestIsNewestFirstAndBeforePagesBackwards(RedisConnections redis) {
        AuditTrail trail = trail(redis);
        for (int i = 0; i < 25; i++) {
            trail.record("alice", "cache.invalidate", "entry-" + i, "ok");
        }

        List<AuditEntry> first = trail.latest(10);
        List<AuditEntry> second = trail.before(first.get(9).id(), 10);
        List<AuditEntry> third = trail.before(second.get(9).id(), 10);

        assertThat(first).extracting(AuditEntry::target).startsWith("entry-24", "entry-23").endsWith("entry-15");
        assertThat(second).extracting(AuditEntry::target).startsWith("entry-14").endsWith("entry-5");
        assertThat(third).extracting(AuditEntry::target).containsExactly("entry-4", "entry-3", "entry-2", "entry-1", "entry-0");
        assertThat(trail.before(third.get(4).id(), 10)).isEmpty();
        assertThat(trail(redis).latest(1)).hasSize(1);
        assertThatThrownBy(() -> trail.latest(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noTrailYetIsAnEmptyList(RedisConnections redis) {
        assertThat(trail(redis).latest(50)).isEmpty();
    }

    @Test
    void theStreamIsCappedAroundTenThousandEntries(RedisConnections redis) throws Exception {
        List<RedisFuture<String>> pending = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            pending.add(redis.async().xadd("tk:audit", Map.of("who", "bulk", "action", "filler")));
        }
        for (RedisFuture<String> f : pending) {
            f.get();
        }
        assertThat(redis.sync().xlen("tk:audit")).isEqualTo(12_000);

        trail(redis).record("alice", "client.kill", "42", "ok");

        // approximate trimming drops whole stream nodes (100 entries each by default)
        assertThat(redis.sync().xlen("tk:audit")).isBetween(AuditTrail.MAX_LENGTH, AuditTrail.MAX_LENGTH + 100);
        assertThat(trail(redis).latest(1).get(0).action()).isEqualTo("client.kill");
    }

    @Test
    void entriesWithMissingOrExtraFieldsAreReadTolerantly(RedisConnections redis) {
        Map<String, String> sparse = Map.of("action", "session.kill");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("who", "bob");
        extra.put("when", "2026-11-27T11:15:42.5+01:00"); // an offset, as another tool may write
        extra.put("action", "leaderboard.reset");
        extra.put("ticket", "OPS-17");
        Map<String, String> badTime = Map.of("who", "carol", "when", "yesterday", "action", "x");
        redis.sync().xadd("tk:audit", sparse);
        redis.sync().xadd("tk:audit", extra);
        redis.sync().xadd("tk:audit", badTime);

        List<AuditEntry> entries = trail(redis).latest(10);

        assertThat(entries).hasSize(3);
        AuditEntry bad = entries.get(0);
        assertThat(bad.who()).isEqualTo("carol");
        assertThat(bad.when()).isNull();
        assertThat(bad.otherFields()).containsExactly(Map.entry("when", "yesterday"));
        AuditEntry rich = entries.get(1);
        assertThat(rich.when()).isEqualTo(Instant.parse("2026-11-27T10:15:42.5Z"));
        assertThat(rich.otherFields()).containsExactly(Map.entry("ticket", "OPS-17"));
        assertThat(rich.host()).isNull();
        AuditEntry minimal = entries.get(2);
        assertThat(minimal.action()).isEqualTo("session.kill");
        assertThat(minimal.who()).isNull();
        assertThat(minimal.when()).isNull();
        assertThat(minimal.result()).isNull();
        assertThat(minimal.otherFields()).isEmpty();
    }

    @Test
    void whenRedisIsDownTheCallerGetsTheError(RedisServerProcess server, RedisConnections redis) {
        AuditTrail trail = trail(redis);
        try {
            server.stop();
            assertThatThrownBy(() -> trail.record("alice", "session.kill", "s1", "ok"))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            assertThatThrownBy(() -> trail.latest(5))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
        assertThat(trail.latest(5)).as("nothing half-written").isEmpty();
    }

    @Test
    void aReadOnlyProfileReadsButDoesNotWrite(RedisServerProcess server, RedisConnections redis) {
        trail(redis).record("alice", "session.kill", "s1", "ok");
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            AuditTrail trail = trail(readOnly);
            assertThatThrownBy(() -> trail.record("alice", "session.kill", "s2", "refused"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(trail.latest(10)).extracting(AuditEntry::target).containsExactly("s1");
        }
    }

    @Test
    void aKeyThatIsNotAStreamIsACommandFailure(RedisConnections redis) {
        redis.sync().set("tk:audit", "oops");
        assertThatThrownBy(() -> trail(redis).latest(5))
                .isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED));
        assertThatThrownBy(() -> trail(redis).record("alice", "x", "y", "ok"))
                .isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED));
    }

    @Test
    void requiredFieldsAndHostDefault(RedisConnections redis) {
        AuditTrail trail = trail(redis);
        assertThatThrownBy(() -> trail.record(" ", "x", "y", "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.record("alice", null, "y", "ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.record("alice", "x", "y", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(trail.record("alice", "slowlog.view", null, "ok").target()).isEmpty();
        assertThat(new AuditTrail(redis).host()).isNotBlank();
        assertThat(new AuditTrail(redis, null, Clock.systemUTC()).host()).isEqualTo("unknown");
    }
}
