package io.trackeep.dashboard.bench;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.trackeep.dashboard.cli.BenchPeer;
import io.trackeep.dashboard.service.redis.RedisSettings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Bucket4j's Redis integration over Lettuce, as its documentation sets it up: one connection,
 * a greedy token bucket per key, keys expiring once the bucket would be full again. Each
 * decision reads the state (GET) and writes it back with a compare-and-swap script (EVAL).
 * Bucket proxies are built once per key, which spares Bucket4j the per-request builder call.
 */
public final class Bucket4jPeer implements BenchPeer {

    private final String version = Versions.of(Bucket4jLettuce.class, "com.bucket4j", "bucket4j_jdk17-core");

    @Override
    public String label() {
        return "Bucket4j";
    }

    @Override
    public String description() {
        return "Bucket4j " + version + " (Lettuce, compare-and-swap)";
    }

    @Override
    public Limiters open(RedisSettings server, List<String> keys, long limit, Duration window) {
        RedisURI.Builder uri = RedisURI.builder().withHost(server.host()).withPort(server.port());
        if (server.password() != null) {
            uri.withPassword(server.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(window))
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, window).build())
                .build();
        BucketProxy[] buckets = new BucketProxy[keys.size()];
        AsyncBucketProxy[] asyncBuckets = new AsyncBucketProxy[keys.size()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = proxies.builder().build(keys.get(i), () -> configuration);
            asyncBuckets[i] = proxies.asAsync().builder().build(keys.get(i), () -> java.util.concurrent.CompletableFuture.completedFuture(configuration));
        }
        return new Limiters() {
            @Override
            public boolean tryAcquire(int i) {
                return buckets[i].tryConsume(1);
            }

            @Override
            public CompletionStage<Boolean> tryAcquireAsync(int i) {
                return asyncBuckets[i].tryConsume(1);
            }

            @Override
            public void close() {
                connection.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        };
    }
}
