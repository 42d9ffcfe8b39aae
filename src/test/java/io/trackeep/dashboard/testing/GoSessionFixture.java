package io.trackeep.dashboard.testing;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.trackeep.dashboard.service.json.GoTime;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sessions written with raw commands exactly as the Go backend writes them (docs/ARCHITECTURE.md §6):
 * {@code SET P:session:<sid> <json> EX 86400}, {@code SADD P:user:sessions:<uid> <sid>} and
 * {@code EXPIRE} of the set — and no index {@code P:sessions:expiry}, which only this project writes.
 * The JSON has the Go struct's field order and RFC 3339 nano timestamps with an offset.
 */
public final class GoSessionFixture {

    public static final long DAY = 86_400;

    private final RedisClusterCommands<String, String> raw;
    private final String prefix;

    public GoSessionFixture(RedisConnections redis) {
        this.raw = redis.sync();
        this.prefix = redis.keys().prefix();
    }

    /** A session of {@code userId} created and last active at {@code created}. */
    public void write(String sid, long userId, String username, String role, String ip, OffsetDateTime created) {
        write(sid, userId, username, role, ip, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", created, created);
    }

    public void write(String sid, long userId, String username, String role, String ip, String agent,
                      OffsetDateTime created, OffsetDateTime lastActive) {
        raw.setex(prefix + ":session:" + sid, DAY, json(sid, userId, username, role, ip, agent, created, lastActive));
        raw.sadd(prefix + ":user:sessions:" + userId, sid);
        raw.expire(prefix + ":user:sessions:" + userId, DAY);
    }

    /** Go's {@code json.Marshal} of its {@code SessionData}. */
    public static String json(String sid, long userId, String username, String role, String ip, String agent,
                              OffsetDateTime created, OffsetDateTime lastActive) {
        return "{\"user_id\":" + userId + ",\"email\":\"" + username + "@example.org\",\"username\":\"" + username + "\","
                + "\"role\":\"" + role + "\",\"session_id\":\"" + sid + "\",\"ip_address\":\"" + ip + "\","
                + "\"user_agent\":\"" + agent + "\",\"created_at\":\"" + GoTime.format(created) + "\","
                + "\"last_active\":\"" + GoTime.format(lastActive) + "\"}";
    }

    /** A stale id in a user's set, as the Go backend leaves behind when a session expires. */
    public void staleId(long userId, String sid) {
        raw.sadd(prefix + ":user:sessions:" + userId, sid);
    }

    /** A value under a session key that is not a session. */
    public void malformed(String sid, String value) {
        raw.setex(prefix + ":session:" + sid, DAY, value);
    }

    /** Now, as a Go backend in UTC+2 writes it. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(2));
    }
}
