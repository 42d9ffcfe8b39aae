package io.trackeep.dashboard.service.health;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;

/** Makes Redis busy for a while with a script, so that the slow log gets a real entry (command EVAL). */
final class SlowCommand {

    private static final String BUSY_LOOP = """
            local t = redis.call('TIME')
            local start = t[1] * 1000000 + t[2]
            repeat
              t = redis.call('TIME')
            until t[1] * 1000000 + t[2] - start >= tonumber(ARGV[1])
            return 1
            """;

    private SlowCommand() {
    }

    static void run(RedisConnections redis, Duration busy) {
        redis.sync().eval(BUSY_LOOP, ScriptOutputType.INTEGER, new String[0], Long.toString(busy.toNanos() / 1000));
    }
}
