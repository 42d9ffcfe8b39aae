package io.trackeep.dashboard.service.audit;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.trackeep.dashboard.service.json.GoTime;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared audit trail: admin actions appended to the capped stream {@code P:audit} (XADD
 * MAXLEN ~ {@value #MAX_LENGTH}), one entry per action with the fields {@code who},
 * {@code when} (ISO-8601 instant), {@code action}, {@code target}, {@code result} and
 * {@code host} (this workstation), and read back newest first.
 *
 * <p>When the append fails (Redis unreachable, a read-only profile, an ACL without XADD),
 * {@link #record} throws a {@link RedisAccessException} and nothing is written: the caller knows
 * the action is not in the shared trail and keeps its own local copy. Reading throws the same
 * way; a {@code P:audit} key that is not a stream is a COMMAND_FAILED error.
 */
public final class AuditTrail {

    /** Approximate cap: Redis trims whole macro nodes, so the stream may briefly hold a little more. */
    public static final long MAX_LENGTH = 10_000;

    static final String WHO = "who";
    static final String WHEN = "when";
    static final String ACTION = "action";
    static final String TARGET = "target";
    static final String RESULT = "result";
    static final String HOST = "host";

    private final RedisConnections redis;
    private final String key;
    private final String host;
    private final Clock clock;

    /** Uses this machine's host name for {@code host}. */
    public AuditTrail(RedisConnections redis) {
        this(redis, localHostName(), Clock.systemUTC());
    }

    public AuditTrail(RedisConnections redis, String host, Clock clock) {
        this.redis = redis;
        this.key = redis.keys().audit();
        this.host = host == null || host.isBlank() ? "unknown" : host;
        this.clock = clock;
    }

    /** The host name written into every entry. */
    public String host() { return host; }

    /**
     * Appends one action and returns it as stored.
     *
     * @param who    the admin; required
     * @param action what was done; required
     * @param target what it was done to; may be empty
     * @param result how it ended; required
     * @throws RedisAccessException when it could not be written (then nothing was)
     */
    public AuditEntry record(String who, String action, String target, String result) {
        requireText("who", who);
        requireText("action", action);
        requireText("result", result);
        redis.requireWritable("Writing the audit trail");
        Instant when = clock.instant();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(WHO, who);
        fields.put(WHEN, when.toString());
        fields.put(ACTION, action);
        fields.put(TARGET, target == null ? "" : target);
        fields.put(RESULT, result);
        fields.put(HOST, host);
        String id = RedisErrors.call("Writing the audit trail",
                () -> redis.sync().xadd(key, new XAddArgs().maxlen(MAX_LENGTH).approximateTrimming(), fields));
        return new AuditEntry(id, who, when, action, fields.get(TARGET), result, host, Map.of());
    }

    /** The newest {@code count} entries, newest first; empty when there is no trail yet. */
    public List<AuditEntry> latest(int count) {
        return read(Range.unbounded(), count);
    }

    /** The {@code count} entries just older than entry {@code id} (exclusive), newest first: the next page. */
    public List<AuditEntry> before(String id, int count) {
        return read(Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(id)), count);
    }

    private List<AuditEntry> read(Range<String> range, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<StreamMessage<String, String>> messages = RedisErrors.call("Reading the audit trail",
                () -> redis.sync().xrevrange(key, range, Limit.from(count)));
        return messages.stream().map(AuditTrail::toEntry).toList();
    }

    static AuditEntry toEntry(StreamMessage<String, String> message) {
        Map<String, String> other = new HashMap<>(message.getBody() == null ? Map.of() : message.getBody());
        String who = other.remove(WHO);
        String whenText = other.remove(WHEN);
        Instant when = parseInstant(whenText);
        if (when == null && whenText != null) {
            other.put(WHEN, whenText); // keep what was there, for people to read
        }
        return new AuditEntry(message.getId(), who, when, other.remove(ACTION), other.remove(TARGET),
                other.remove(RESULT), other.remove(HOST), other);
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return GoTime.parse(text.strip()).toInstant(); // ISO instant, or an offset as another tool may write
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : System.getenv("COMPUTERNAME");
        }
    }
}
