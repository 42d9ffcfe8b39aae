package io.trackeep.dashboard.monitor.ratelimits;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.MinuteCounts;

import java.util.List;

/**
 * What the dashboard knows of one limiter. JSON (the {@code rateLimits} entries of
 * {@code snapshot --json}): {@code {"limiter","algorithm","clients","limit","topClients"}}.
 *
 * @param limiter         the {@code <limiter>} of {@code P:rl:<limiter>:<client>}
 * @param algorithm       how it counts; for a limiter without a defined limit, guessed from the
 *                        type of its client keys; null when not known yet
 * @param clients         client keys counted by the keyspace census; null before the census has
 *                        seen any key (a lower bound while its first pass runs, see {@code clientsComplete})
 * @param limit           requests per window; null when no limit is defined for this limiter
 * @param topClients      the sampled clients closest to their limit, closest first (at most
 *                        {@link RateLimitsProbe#TOP}); empty without a defined limit
 * @param definition      the limit in force, or null
 * @param clientsComplete whether {@code clients} comes from a complete census pass
 * @param perMinute       allowed/blocked of the last {@link RateLimitsProbe#HISTORY_MINUTES} minutes, oldest first
 */
@JsonPropertyOrder({"limiter", "algorithm", "clients", "limit", "topClients"})
public record LimiterStatus(String limiter, LimitAlgorithm algorithm, Long clients, Long limit, List<ClientUsage> topClients,
                            @JsonIgnore LimitDefinition definition, @JsonIgnore boolean clientsComplete,
                            @JsonIgnore List<MinuteCounts> perMinute) {

    public LimiterStatus {
        topClients = List.copyOf(topClients);
        perMinute = List.copyOf(perMinute);
    }

    /** Allowed requests in the window of {@code perMinute}. */
    @JsonIgnore
    public long allowed() {
        return perMinute.stream().mapToLong(MinuteCounts::allowed).sum();
    }

    /** Blocked requests in the window of {@code perMinute}. */
    @JsonIgnore
    public long blocked() {
        return perMinute.stream().mapToLong(MinuteCounts::blocked).sum();
    }
}
