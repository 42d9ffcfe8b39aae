package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheKey;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Caches panel in the real window against a real Redis: live figures, every invalidation
 * end to end (click, confirm, keys gone, audit entry) and the read-only refusal. Writes
 * {@code target/screenshots/caches.png} and {@code caches-dark.png}.
 */
class CachesPanelTest extends LivePanelTestSupport {

    private static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);

    private RedisConnections redis;
    private KeySchema keys;
    private GoLimitCacheFixtures go;

    /** Entries as the Go backend writes them, a user's indexed responses, and 15 minutes of counters. */
    private void liveData(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.go = new GoLimitCacheFixtures(redis);
        for (int i = 0; i < 40; i++) {
            go.responseEntry("/api/tasks", "page=" + i, (long) (i % 7));
        }
        for (int i = 0; i < 25; i++) {
            go.searchEntry(i % 9, "q=term" + i);
        }
        for (int i = 0; i < 8; i++) {
            go.analyticsEntry(i, JAN1.plusDays(i), JAN1.plusDays(30 + i));
        }
        CacheStore store = new CacheStore(redis);
        store.put(CacheKey.response(keys, "/api/notes", "", 42L), "[]");
        store.put(CacheKey.response(keys, "/api/goals", "", 42L), "[]");
        go.searchEntry(42, "q=redis");
        go.analyticsEntry(42, JAN1, JAN1.plusDays(30));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 0; m < 15; m++) {
            Instant minute = now.minus(14 - m, ChronoUnit.MINUTES);
            count(CacheFamily.RESPONSE, minute, 90 + (m * 7) % 30, 12 + (m * 5) % 15);
            count(CacheFamily.SEARCH, minute, 40 + (m * 3) % 20, 18 + (m * 11) % 14);
            count(CacheFamily.ANALYTICS, minute, 9 + m % 4, 1 + m % 3);
        }
    }

    /** Counters in the project's per-minute format, as CacheStore writes them. */
    private void count(CacheFamily family, Instant minute, long hits, long misses) {
        String key = keys.stats("cache", family.id(), minute);
        redis.sync().hincrby(key, "hits", hits);
        redis.sync().hincrby(key, "misses", misses);
        redis.sync().expire(key, 3600);
    }

    private CachesPanel open(RedisServerProcess server, boolean readOnly) {
        openWindow(server, readOnly);
        CachesPanel panel = (CachesPanel) show("caches");
        waitUntil("live figures", Duration.ofSeconds(10), () -> !label("#cache-keys-search").startsWith("…"));
        return panel;
    }

    private String label(String id) {
        return callFx(() -> ((Label) window.scene().lookup(id)).getText());
    }

    @Test
    void showsLiveFiguresAndHitRatesAndWritesScreenshots(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);

        waitUntil("entries counted", Duration.ofSeconds(10), () -> label("#cache-keys-search").equals("26"));
        assertThat(label("#cache-keys-response")).isEqualTo("42");
        assertThat(label("#cache-keys-analytics")).isEqualTo("9");
        assertThat(label("#cache-hit-rate-response")).endsWith("%");
        assertThat(label("#keyspace-hit-rate")).isNotEqualTo("…");
        waitUntil("chart drawn", Duration.ofSeconds(5), () -> chartValues(robot, ".per-minute-chart", "search").size() >= 14); // 14 when the minute turns meanwhile
        assertThat(callFx(() -> robot.lookup("#cache-chart-unavailable").query().isVisible())).isFalse();

        screenshot(window.scene(), "caches");
        useTheme(ThemeMode.DARK);
        screenshot(window.scene(), "caches-dark");
        useTheme(ThemeMode.LIGHT);
        resize(1280, 768); // the headless screen is 1280 wide; 768 is the height of a 1366x768 laptop
        screenshot(window.scene(), "caches-1280x768");
        Node all = robot.lookup("#invalidate-all-button").query();
        Node statusBar = robot.lookup(".status-bar").query();
        assertThat(callFx(() -> all.localToScene(all.getBoundsInLocal()).getMaxY()))
                .isLessThanOrEqualTo(callFx(() -> statusBar.localToScene(statusBar.getBoundsInLocal()).getMinY()));
        assertThat(callFx(() -> statusBar.localToScene(statusBar.getBoundsInLocal()).getMaxY())).as("the status bar fits 768 px")
                .isLessThanOrEqualTo(callFx(() -> window.scene().getHeight()));
    }

    @Test
    void goOnlyDataSaysHitRatesAreUnavailable(RedisServerProcess server, RedisConnections redis) {
        new GoLimitCacheFixtures(redis).searchEntry(1, "q");
        open(server, false);
        waitUntil("unavailable note", Duration.ofSeconds(10), () -> window.scene().lookup("#cache-chart-unavailable").isVisible());
        assertThat(callFx(() -> ((Label) window.scene().lookup("#cache-chart-unavailable .empty-title")).getText()))
                .isEqualTo("Unavailable: no hit/miss counters (Go-only data).");
        assertThat(label("#cache-hit-rate-search")).isEqualTo("n/a");
    }

    @Test
    void invalidateOneKey(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        String key = keys.searchCache(42, keys.searchCacheHash("q=redis"));
        redis.sync().persist(key); // a question that does not depend on the seconds passing
        open(server, false);

        robot.clickOn("#cache-key-field");
        onFx(() -> ((TextField) window.scene().lookup("#cache-key-field")).setText(key));
        waitUntil("key recognised", Duration.ofSeconds(5), () -> !window.scene().lookup("#invalidate-key-button").isDisabled());
        robot.clickOn("#invalidate-key-button");
        confirm(robot, "Invalidate cache key " + key + " (search entry, no expiry)?", "Invalidate key");

        AuditEntry entry = awaitAudit(redis, "cache.invalidate-key");
        assertThat(entry.target()).isEqualTo(key);
        assertThat(redis.sync().exists(key)).isZero();
        assertThat(awaitNotice("Invalidate cache key").text()).isEqualTo("Invalidated " + key);
    }

    @Test
    void invalidateAUsersEntries(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);

        robot.clickOn("#cache-user-field").write("42");
        waitUntil("user accepted", Duration.ofSeconds(5), () -> !window.scene().lookup("#invalidate-user-button").isDisabled());
        robot.clickOn("#invalidate-user-button");
        confirm(robot, "Invalidate all cached entries of user 42: 2 response, 1 search, 1 analytics?", "Invalidate 4 entries");

        assertThat(awaitAudit(redis, "cache.invalidate-user").result()).isEqualTo("ok: Invalidated 4 cached entries of user 42");
        assertThat(redis.sync().exists(keys.responseCache("/api/notes", "", 42L), keys.searchCache(42, keys.searchCacheHash("q=redis")),
                keys.analyticsCache(42, JAN1, JAN1.plusDays(30)))).isZero();
        assertThat(redis.sync().exists(keys.searchCache(1, keys.searchCacheHash("q=term1")))).as("other users keep theirs").isOne();
    }

    @Test
    void invalidateAFamilyAndThenEverything(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);

        robot.clickOn("#invalidate-family-search");
        confirm(robot, "Invalidate the search cache: 26 entries?", "Invalidate search cache");
        awaitAudit(redis, "cache.invalidate-family");
        assertThat(countKeys(keys.searchCachePattern())).isZero();
        waitUntil("search card shows 0", Duration.ofSeconds(10), () -> label("#cache-keys-search").equals("0"));

        robot.clickOn("#invalidate-all-button");
        confirm(robot, "Invalidate all caches: 42 response, 0 search, 9 analytics?", "Invalidate all caches");
        awaitAudit(redis, "cache.invalidate-all");
        assertThat(countKeys(keys.responseCachePattern()) + countKeys(keys.analyticsCachePattern())
                + countKeys(keys.cacheUserIndexPattern())).isZero();
        waitUntil("cards show 0", Duration.ofSeconds(10), () -> label("#cache-keys-response").equals("0"));
    }

    @Test
    void readOnlyConnectionRefusesWithoutAsking(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, true);
        long before = redis.sync().dbsize();

        robot.clickOn("#invalidate-all-button");

        assertThat(awaitNotice("Invalidate all caches refused").text()).contains("read-only");
        assertThat(redis.sync().dbsize()).isEqualTo(before);
        assertThat(callFx(() -> robot.lookup("#confirm-button").tryQuery().isPresent())).as("no confirmation was shown").isFalse();
    }

    private long countKeys(String pattern) {
        return redis.sync().scan(io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(10_000)).getKeys().size();
    }
}
