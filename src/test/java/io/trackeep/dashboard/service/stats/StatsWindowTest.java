package io.trackeep.dashboard.service.stats;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class StatsWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private final RedisConnections redis;

    StatsWindowTest(RedisConnections redis) {
        this.redis = redis;
    }

    private String key(String name, int minutesAgo) {
        return redis.keys().stats("cache", name, NOW.minus(minutesAgo, ChronoUnit.MINUTES));
    }

    private long hmgetCalls() {
        String stats = redis.sync().info("commandstats");
        return stats.lines().filter(l -> l.startsWith("cmdstat_hmget:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("^cmdstat_hmget:calls=(\\d+),.*", "$1"))).orElse(0L);
    }

    @Test
    void readsEveryNameOverTheWindowOldestFirstAndBadValuesAsZero() {
        redis.sync().hset(key("response", 0), Map.of("hits", "5", "misses", "1"));
        redis.sync().hset(key("response", 2), Map.of("hits", "7"));
        redis.sync().hset(key("search", 1), Map.of("hits", "not a number", "misses", "-4"));
        redis.sync().set(key("search", 0), "a string, not a hash");
        redis.sync().hset(key("search", 2), Map.of("hits", Long.toString(Long.MAX_VALUE), "misses", "1000000000001"));

        Map<String, List<StatsWindow.Minute>> read = new StatsWindow("cache", "hits", "misses")
                .read(redis, List.of("response", "search"), 3, NOW);

        assertThat(read.keySet()).containsExactly("response", "search");
        Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
        assertThat(read.get("response")).containsExactly(
                new StatsWindow.Minute(minute.minus(2, ChronoUnit.MINUTES), 7, 0),
                new StatsWindow.Minute(minute.minus(1, ChronoUnit.MINUTES), 0, 0),
                new StatsWindow.Minute(minute, 5, 1));
        assertThat(read.get("search")).extracting(StatsWindow.Minute::first).containsOnly(0L);
        assertThat(read.get("search")).extracting(StatsWindow.Minute::second).containsOnly(0L);
    }

    @Test
    void settledMinutesAreReadOnceAndAgainAfterAMinute() {
        redis.sync().hset(key("response", 10), Map.of("hits", "3", "misses", "0"));
        StatsWindow window = new StatsWindow("cache", "hits", "misses");
        List<String> names = List.of("response", "search", "analytics");

        redis.sync().configResetstat();
        window.read(redis, names, 15, NOW);
        assertThat(hmgetCalls()).isEqualTo(45);

        redis.sync().configResetstat();
        redis.sync().hincrby(key("response", 0), "hits", 1);
        redis.sync().hincrby(key("response", 10), "hits", 100); // a writer's late backlog into a settled minute
        Map<String, List<StatsWindow.Minute>> again = window.read(redis, names, 15, NOW.plusSeconds(20));
        assertThat(hmgetCalls()).as("only the minutes that can still change").isEqualTo(3 * StatsWindow.SETTLED_MINUTES);
        assertThat(again.get("response").get(14).first()).as("the current minute is read").isEqualTo(1);
        assertThat(again.get("response").get(4).first()).as("a settled minute is remembered").isEqualTo(3);

        Instant later = NOW.plus(StatsWindow.REMEMBERED).plusSeconds(1);
        Map<String, List<StatsWindow.Minute>> refreshed = window.read(redis, names, 15, later);
        assertThat(refreshed.get("response")).filteredOn(m -> m.minute().equals(NOW.truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES)))
                .singleElement().extracting(StatsWindow.Minute::first).as("late counts show within a minute").isEqualTo(103L);
    }
}
