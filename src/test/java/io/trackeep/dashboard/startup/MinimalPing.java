package io.trackeep.dashboard.startup;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Baseline of {@code bench startup}: the least a Java command that talks to Redis does — connect
 * with Lettuce, PING, print the answer, close. It runs on Lettuce and the jars Lettuce itself
 * needs, nothing of this project (no logging binding, no picocli, no Jackson).
 *
 * <p>{@code java -cp <test-classes>:<lettuce and its jars> io.trackeep.dashboard.startup.MinimalPing redis://…}
 */
public final class MinimalPing {

    private MinimalPing() {
    }

    public static void main(String[] args) {
        RedisClient client = RedisClient.create(args[0]);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            System.out.println(connection.sync().ping());
        } finally {
            client.shutdown();
        }
    }
}
