package io.trackeep.dashboard.service.keys;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySchemaTest {

    private final KeySchema keys = new KeySchema("tk");

    @Test
    void goBackendKeysAreReproducedExactly() {
        assertThat(keys.session("abc")).isEqualTo("tk:session:abc");
        assertThat(keys.userSessions(42)).isEqualTo("tk:user:sessions:42");
        assertThat(keys.rateLimit("general", "10.0.0.1")).isEqualTo("tk:rl:general:10.0.0.1");
        assertThat(keys.searchCache(42, "h")).isEqualTo("tk:search:42:h");
        assertThat(keys.analyticsCache(42, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)))
                .isEqualTo("tk:analytics:dashboard:42:2026-01-01:2026-01-31");
        assertThat(keys.leaderboard("7")).isEqualTo("tk:challenge:7:leaderboard");
        assertThat(keys.messagesChannel("c1")).isEqualTo("tk:messages:c1");
        assertThat(keys.notificationsChannel(42)).isEqualTo("tk:notifications:42");
    }

    @Test
    void responseCacheKeyIsMd5OfTheGoMaterial() throws Exception {
        // md5("tk:cache::/api/x:a=1:u:42") computed independently of KeySchema
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("tk:cache::/api/x:a=1:u:42".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(keys.responseCache("/api/x", "a=1", 42L)).isEqualTo("tk:cache:" + expected);
        String anonymous = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("tk:cache::/api/x:a=1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(keys.responseCache("/api/x", "a=1", null)).isEqualTo("tk:cache:" + anonymous);
        assertThat(keys.isResponseCacheKey(keys.responseCache("/p", "", null))).isTrue();
        assertThat(keys.isResponseCacheKey(keys.cacheUserIndex(42))).isFalse();
    }

    @Test
    void searchAndAnalyticsCacheKeysNameTheirUser() throws Exception {
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("q=redis".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(keys.searchCacheHash("q=redis")).isEqualTo(md5);
        assertThat(keys.parseSearchCacheUserId("tk:search:42:" + md5)).contains(42L);
        assertThat(keys.parseSearchCacheUserId("tk:search:x:" + md5)).isEmpty();
        assertThat(keys.parseSearchCacheUserId("tk:search:42")).isEmpty();
        assertThat(keys.parseAnalyticsCacheUserId("tk:analytics:dashboard:7:2026-01-01:2026-01-31")).contains(7L);
        assertThat(keys.parseAnalyticsCacheUserId("tk:search:7:h")).isEmpty();
        assertThat(keys.isSearchCacheKey("tk:search:42:h")).isTrue();
        assertThat(keys.isAnalyticsCacheKey("tk:search:42:h")).isFalse();
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(keys.parseSessionId("tk:session:abc")).contains("abc");
        assertThat(keys.parseUserSessionsUserId("tk:user:sessions:42")).contains(42L);
        assertThat(keys.parseUserSessionsUserId("tk:user:sessions:x")).isEmpty();
        assertThat(keys.parseRateLimitKey("tk:rl:general:::1")).hasValueSatisfying(k -> {
            assertThat(k.limiter()).isEqualTo("general");
            assertThat(k.client()).isEqualTo("::1");
        });
        assertThat(keys.parseLeaderboardId("tk:challenge:7:leaderboard")).contains("7");
        assertThat(keys.parseLeaderboardId("tk:challenge:7:other")).isEmpty();
        assertThat(keys.parseSessionId("other:session:abc")).isEmpty();
    }

    @Test
    void projectAdditions() {
        assertThat(keys.stats("cache", "response", Instant.parse("2026-11-27T10:15:42Z")))
                .isEqualTo("tk:stats:cache:response:202611271015");
        assertThat(keys.lock("job")).isEqualTo("tk:lock:{job}");
        assertThat(keys.lockFence("job")).isEqualTo("tk:lock:{job}:fence");
        assertThat(new KeySchema("staging").session("s")).isEqualTo("staging:session:s");
    }

    @Test
    void rejectsNamesThatWouldBreakTheLayout() {
        assertThatThrownBy(() -> keys.rateLimit("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.leaderboard("*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everythingParsedFromAKeyNamesThatKeyAgainSoOneOddKeyCannotFailAReader() {
        List<String> odd = List.of("a:b:c", "*", "a*b", "", "gen\uDCE9ral", "\u001b]0;x\u0007", "a\nb", "nul\u0000", "L".repeat(10_000));
        for (String name : odd) {
            for (String key : List.of("tk:challenge:" + name + ":leaderboard", "tk:rl:" + name + ":10.0.0.7", "tk:rl:general:" + name,
                    "tk:rl:" + name)) {
                keys.parseLeaderboardId(key).ifPresent(id -> assertThat(keys.leaderboard(id)).isEqualTo(key));
                keys.parseRateLimitKey(key).ifPresent(k -> assertThat(keys.rateLimit(k.limiter(), k.client())).isEqualTo(key));
            }
        }
        assertThat(keys.parseLeaderboardId("tk:challenge:a:b:c:leaderboard")).isEmpty();
        assertThat(keys.parseRateLimitKey("tk:rl:gen*ral:1")).isEmpty();
        assertThat(keys.parseLeaderboardId("tk:challenge:gen\uDCE9ral:leaderboard")).contains("gen\uDCE9ral");
    }

    @Test
    void anInvalidNameIsQuotedPrintably() {
        assertThatThrownBy(() -> keys.leaderboard("\u001b]0;x:y")).hasMessageContaining("'\\x1b]0;x:y'").hasMessageNotContaining("\u001b");
    }
}
