package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.http.Route.SessionMode;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheInvalidator;
import io.trackeep.dashboard.service.cache.CacheKey;
import io.trackeep.dashboard.service.cache.CacheResult;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.session.Session;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cached endpoints and cache invalidation:
 * <ul>
 *   <li>{@code GET /api/items?page=N}: response cache ({@code P:cache:<md5>} of path, raw query and,
 *       with a valid session, the user), anonymous without one;</li>
 *   <li>{@code GET /api/search?q=...} (limiter {@code search}, session required): search cache,
 *       keyed by the md5 of the raw query string;</li>
 *   <li>{@code GET /api/analytics/dashboard?start=&end=} (session required): analytics cache;</li>
 *   <li>{@code POST /api/cache/invalidate} with {@code {"user_id":N}}, {@code {"family":"search"}}
 *       or {@code {"all":true}}: answers how many entries were removed.</li>
 * </ul>
 * Each cached answer carries {@code X-Cache: HIT|MISS}. When Redis fails the cache is bypassed
 * (the value is computed, {@code X-Cache: MISS}); only the session lookup can turn that into a 503.
 */
final class CacheRoutes {

    static final int MAX_PAGE = 10_000;
    static final int MAX_QUERY = 200;
    static final int MAX_RANGE_DAYS = 366;

    private final CacheStore cache;
    private final CacheInvalidator invalidator;
    private final KeySchema keys;
    private final SampleContent content;

    CacheRoutes(CacheStore cache, CacheInvalidator invalidator, KeySchema keys, SampleContent content) {
        this.cache = cache;
        this.invalidator = invalidator;
        this.keys = keys;
        this.content = content;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/items", "general", SessionMode.OPTIONAL, this::items),
                new Route("GET", "/api/search", "search", SessionMode.REQUIRED, this::search),
                new Route("GET", "/api/analytics/dashboard", "general", SessionMode.REQUIRED, this::dashboard),
                new Route("POST", "/api/cache/invalidate", "general", SessionMode.NONE, this::invalidate));
    }

    private ApiResponse items(ApiRequest request) {
        int page = RequestParams.intQuery(request, "page", 1, 1, MAX_PAGE);
        Long userId = request.session().map(Session::userId).orElse(null);
        CacheKey key = CacheKey.response(keys, request.path(), request.rawQuery(), userId);
        return cached(key, () -> content.itemsPage(page, userId));
    }

    private ApiResponse search(ApiRequest request) {
        long userId = request.requireSession().userId();
        String query = RequestParams.requiredQuery(request, "q", MAX_QUERY);
        // The Go backend hashes the query string as received, so q=a&x=1 and x=1&q=a are two entries.
        CacheKey key = CacheKey.search(keys, userId, request.rawQuery());
        return cached(key, () -> content.search(userId, query));
    }

    private ApiResponse dashboard(ApiRequest request) {
        long userId = request.requireSession().userId();
        LocalDate start = RequestParams.dateQuery(request, "start");
        LocalDate end = RequestParams.dateQuery(request, "end");
        if (end.isBefore(start)) {
            throw ApiException.badRequest("'end' must not be before 'start'");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_RANGE_DAYS) {
            throw ApiException.badRequest("The range may span at most " + MAX_RANGE_DAYS + " days");
        }
        CacheKey key = CacheKey.analytics(keys, userId, start, end);
        return cached(key, () -> content.dashboard(userId, start, end));
    }

    private ApiResponse invalidate(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Long userId = JsonFields.optionalUserId(body, "user_id").orElse(null);
        String familyId = JsonFields.optionalText(body, "family", 50).orElse(null);
        boolean all = JsonFields.optionalBoolean(body, "all").orElse(false);
        int given = (userId != null ? 1 : 0) + (familyId != null ? 1 : 0) + (all ? 1 : 0);
        if (given != 1) {
            throw ApiException.badRequest("Give exactly one of 'user_id', 'family' (response, search, analytics) or 'all': true");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (userId != null) {
            answer.put("scope", "user");
            answer.put("user_id", userId);
            answer.put("removed", invalidator.invalidateUser(userId));
        } else if (familyId != null) {
            CacheFamily family;
            try {
                family = CacheFamily.fromId(familyId);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            answer.put("scope", "family");
            answer.put("family", family.id());
            answer.put("removed", invalidator.invalidateFamily(family));
        } else {
            answer.put("scope", "all");
            answer.put("removed", invalidator.invalidateAll());
        }
        return ApiResponse.json(200, answer);
    }

    private ApiResponse cached(CacheKey key, Supplier<String> loader) {
        CacheResult result = cache.getOrLoad(key, loader);
        return ApiResponse.raw(200, result.value()).withHeader("X-Cache", result.status().header());
    }
}
