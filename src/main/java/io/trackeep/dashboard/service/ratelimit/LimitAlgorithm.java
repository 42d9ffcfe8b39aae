package io.trackeep.dashboard.service.ratelimit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three ways a limiter counts, with the name used in {@code P:config:ratelimits} JSON. */
public enum LimitAlgorithm {
    /** Sorted set, one member per admitted request in the last window. */
    SLIDING_WINDOW("sliding-window", "sorted set"),
    /** Hash {@code tokens}/{@code last_refill}: bursts up to the capacity, refilled continuously. */
    TOKEN_BUCKET("token-bucket", "hash"),
    /** Integer string counter that expires one window after the client's first request. */
    FIXED_WINDOW("fixed-window", "string");

    private final String wireName;
    private final String redisType;

    LimitAlgorithm(String wireName, String redisType) {
        this.wireName = wireName;
        this.redisType = redisType;
    }

    @JsonValue
    public String wireName() { return wireName; }

    /** The Redis type of a client's key under this algorithm, for error messages. */
    public String redisType() { return redisType; }

    @JsonCreator
    public static LimitAlgorithm fromWireName(String name) {
        for (LimitAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown rate-limit algorithm '" + name + "', expected one of "
                + Arrays.stream(values()).map(LimitAlgorithm::wireName).collect(Collectors.joining(", ")));
    }
}
