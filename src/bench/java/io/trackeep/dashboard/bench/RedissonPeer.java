package io.trackeep.dashboard.bench;

import io.trackeep.dashboard.cli.BenchPeer;
import io.trackeep.dashboard.service.redis.RedisSettings;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Redisson's {@link RRateLimiter} (one script per decision), on one command connection, with
 * its script cache on (EVALSHA, as this project's limiters use). The limiter objects and their
 * rates are set up once per key before the measured runs.
 */
public final class RedissonPeer implements BenchPeer {

    private final String version = Versions.of(Redisson.class, "org.redisson", "redisson");

    @Override
    public String label() {
        return "Redisson";
    }

    @Override
    public String description() {
        return "Redisson " + version + " (RRateLimiter, one connection)";
    }

    @Override
    public Limiters open(RedisSettings server, List<String> keys, long limit, Duration window) {
        Config config = new Config();
        config.setUseScriptCache(true);
        if (server.password() != null) {
            config.setPassword(server.password());
        }
        config.useSingleServer()
                .setAddress("redis://" + server.host() + ":" + server.port())
                .setConnectionPoolSize(1)
                .setConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(1)
                .setSubscriptionConnectionMinimumIdleSize(0);
        RedissonClient redisson = Redisson.create(config);
        RRateLimiter[] limiters = new RRateLimiter[keys.size()];
        CompletableFuture<?>[] rates = new CompletableFuture<?>[limiters.length];
        for (int i = 0; i < limiters.length; i++) {
            limiters[i] = redisson.getRateLimiter(keys.get(i));
            rates[i] = limiters[i].trySetRateAsync(RateType.OVERALL, limit, window).toCompletableFuture();
        }
        CompletableFuture.allOf(rates).join();
        return new Limiters() {
            @Override
            public boolean tryAcquire(int i) {
                return limiters[i].tryAcquire();
            }

            @Override
            public CompletionStage<Boolean> tryAcquireAsync(int i) {
                return limiters[i].tryAcquireAsync();
            }

            @Override
            public void close() {
                redisson.shutdown();
            }
        };
    }
}
