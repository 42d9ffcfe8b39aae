package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.keys.KeySchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheFamilyTest {

    private final KeySchema keys = new KeySchema("tk");

    @Test
    void ttlsAndIdsAreThoseOfTheBackend() {
        assertThat(CacheFamily.RESPONSE.ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CacheFamily.SEARCH.ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CacheFamily.ANALYTICS.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(CacheFamily.fromId("analytics")).isEqualTo(CacheFamily.ANALYTICS);
        assertThatThrownBy(() -> CacheFamily.fromId("sessions")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responsePatternDoesNotMatchTheUserIndexSets() {
        assertThat(CacheFamily.RESPONSE.pattern(keys)).isNotEqualTo("tk:cache:*").startsWith("tk:cache:[0-9a-f]");
        assertThat(CacheFamily.RESPONSE.contains(keys, keys.cacheUserIndex(42))).isFalse();
        assertThat(CacheFamily.ofKey(keys, keys.cacheUserIndex(42))).isEmpty();
        assertThat(CacheFamily.ofKey(keys, keys.responseCache("/api/x", "", 42L))).contains(CacheFamily.RESPONSE);
    }

    @Test
    void familiesTellTheUserWhereTheKeyHoldsIt() {
        String search = CacheKey.search(keys, 42, "q=redis").redisKey();
        String analytics = CacheKey.analytics(keys, 43, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).redisKey();
        String response = CacheKey.response(keys, "/api/x", "a=1", 44L).redisKey();

        assertThat(CacheFamily.ofKey(keys, search)).contains(CacheFamily.SEARCH);
        assertThat(CacheFamily.SEARCH.userIdOf(keys, search)).contains(42L);
        assertThat(CacheFamily.ofKey(keys, analytics)).contains(CacheFamily.ANALYTICS);
        assertThat(CacheFamily.ANALYTICS.userIdOf(keys, analytics)).contains(43L);
        assertThat(CacheFamily.RESPONSE.userIdOf(keys, response)).isEmpty(); // hashed: only the index knows
        assertThat(CacheFamily.SEARCH.userPattern(keys, 42)).contains("tk:search:42:*");
        assertThat(CacheFamily.ANALYTICS.userPattern(keys, 43)).contains("tk:analytics:dashboard:43:*");
        assertThat(CacheFamily.RESPONSE.userPattern(keys, 44)).isEmpty();
        assertThat(CacheFamily.ofKey(keys, "tk:session:abc")).isEmpty();
    }

    @Test
    void searchKeyHashesTheQueryWithMd5() {
        // md5("q=redis streams"), computed outside the project
        assertThat(CacheKey.search(keys, 42, "q=redis streams").redisKey())
                .isEqualTo("tk:search:42:53365450a83744e1818fc263fdc765ed");
        assertThatThrownBy(() -> new CacheKey(CacheFamily.SEARCH, "tk:search:1:x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
