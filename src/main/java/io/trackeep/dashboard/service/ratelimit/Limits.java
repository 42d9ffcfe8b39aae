package io.trackeep.dashboard.service.ratelimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The limits in force: the defaults overlaid with {@code P:config:ratelimits}, plus the entries
 * of that hash that could not be used.
 *
 * @param definitions limiter name → limit, defaults first in their usual order, then other names
 * @param malformed   hash entries that were ignored (the default, if any, applies instead)
 */
public record Limits(Map<String, LimitDefinition> definitions, List<MalformedLimit> malformed) {

    public Limits {
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        malformed = List.copyOf(malformed);
    }

    public Optional<LimitDefinition> find(String limiter) {
        return Optional.ofNullable(definitions.get(limiter));
    }

    /**
     * An entry of {@code P:config:ratelimits} that is not a valid limit.
     *
     * @param limiter the hash field
     * @param value   the stored text, cut to 200 characters
     * @param reason  why it was rejected
     */
    public record MalformedLimit(String limiter, String value, String reason) {
    }
}
