package io.trackeep.dashboard.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Writes a hostile keyspace under the prefix {@code tk}: for every key family of the data model,
 * entries that a careless reader trips on (wrong types, names and members that are not UTF-8,
 * terminal control sequences, newlines and NUL, empty and very long names, infinite and huge
 * numbers, timestamps far in the past and future, malformed JSON, sets of {@code bigSize}
 * members), next to one good entry per family that must still be shown. Written with a byte
 * codec, so every byte is exactly as listed, whatever the dashboard's own codec does.
 *
 * <p>Channels need a subscriber to exist: {@link #write} keeps one subscribed to the hostile
 * channel names until {@link Written#close()}. {@link #publishHostileMessages} sends hostile
 * payloads for a Pub/Sub panel that is listening.
 *
 * <p>Size: {@code bigSize} members in each big set (a leaderboard, a sliding window, a user's
 * session set, a per-user cache index). CI uses a small size; {@value #SIZE_PROPERTY} sets
 * another, e.g. {@code ./mvnw -o test -Dtest='Hostile*Test' -Dhostile.size=1000000}.
 */
public final class HostileKeyspace {

    public static final String SIZE_PROPERTY = "hostile.size";
    /** Members of each big set in CI. */
    public static final int CI_SIZE = 20_000;

    // ---- names reused by every family ------------------------------------------------------

    /** The byte 0xE9 of Latin-1 "général", not UTF-8. */
    public static final byte[] LATIN1 = bytes("gen", new byte[]{(byte) 0xE9}, "ral");
    /** An OSC title change, a hyperlink and a colour: what a terminal would obey. */
    public static final byte[] ESCAPES = ascii("\u001b]0;pwned\u0007\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007\u001b[31mred");
    public static final byte[] NEWLINE = ascii("first\nsecond\r\nthird");
    public static final byte[] NUL = ascii("nul\u0000byte");
    public static final byte[] BIDI = utf8("user\u202Egnp.exe");
    public static final byte[] BINARY = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0x80, (byte) 0xC0, (byte) 0xAF};

    /** Names that are not UTF-8, or that carry controls. */
    public static final Map<String, byte[]> ODD_NAMES = oddNames();

    public static final String GOOD_BOARD = "7";
    public static final String GOOD_LIMITER = "general";
    public static final String GOOD_CLIENT = "10.0.0.7";
    public static final String GOOD_CHANNEL = "tk:messages:good";

    private final int bigSize;
    private final List<Input> inputs = new ArrayList<>();

    /** One hostile entry: its family, what is odd about it, and the key it lives in. */
    public record Input(String family, String what, byte[] key) {
        public String keyText() {
            return new String(key, StandardCharsets.ISO_8859_1);
        }
    }

    /** What was written; close it to unsubscribe from the hostile channels. */
    public static final class Written implements AutoCloseable {
        private final List<Input> inputs;
        private final RedisClient client;
        private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

        private Written(List<Input> inputs, RedisClient client, StatefulRedisPubSubConnection<byte[], byte[]> subscriber) {
            this.inputs = List.copyOf(inputs);
            this.client = client;
            this.subscriber = subscriber;
        }

        public List<Input> inputs() { return inputs; }

        /** Hostile inputs per family, in the order written. */
        public Map<String, Long> perFamily() {
            Map<String, Long> counts = new LinkedHashMap<>();
            inputs.forEach(i -> counts.merge(i.family(), 1L, Long::sum));
            return counts;
        }

        @Override
        public void close() {
            subscriber.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private HostileKeyspace(int bigSize) {
        this.bigSize = bigSize;
    }

    /** {@value #SIZE_PROPERTY} if set, else {@link #CI_SIZE}. */
    public static int configuredSize() {
        return Integer.getInteger(SIZE_PROPERTY, CI_SIZE);
    }

    /** Writes the whole keyspace (good entries included) into the server's database 0. */
    public static Written write(RedisServerProcess server, int bigSize) {
        HostileKeyspace k = new HostileKeyspace(bigSize);
        RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> r = c.sync();
            k.good(r);
            k.leaderboards(r, c.async());
            k.rateLimits(r, c.async());
            k.rateLimitConfig(r);
            k.caches(r, c.async());
            k.stats(r);
            k.audit(r);
            k.sessions(r, c.async());
            k.foreign(r);
        }
        StatefulRedisPubSubConnection<byte[], byte[]> subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
        k.channels(subscriber);
        return new Written(k.inputs, client, subscriber);
    }

    /** Publishes hostile payloads on the good channel and on hostile channel names; returns how many. */
    public static int publishHostileMessages(RedisServerProcess server) {
        RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            List<byte[]> payloads = List.of(BINARY, ESCAPES, NEWLINE, NUL, BIDI, ascii("{\"broken\": "), ascii(""),
                    utf8("{\"text\":\"" + "x".repeat(1 << 20) + "\"}"), ascii("{\"id\":1e999,\"n\":-1e999}"));
            int sent = 0;
            for (byte[] p : payloads) {
                c.sync().publish(ascii(GOOD_CHANNEL), p);
                sent++;
            }
            for (byte[] name : ODD_NAMES.values()) {
                c.sync().publish(bytes("tk:messages:", name), ascii("{\"ok\":true}"));
                sent++;
            }
            return sent;
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    // ---- good entries ----------------------------------------------------------------------

    private void good(RedisCommands<byte[], byte[]> r) {
        r.zadd(ascii("tk:challenge:" + GOOD_BOARD + ":leaderboard"), ScoredValue.just(100, ascii("42")), ScoredValue.just(90, ascii("43")));
        long now = System.currentTimeMillis() / 1000; // request times in unix seconds, as the Go backend writes them
        r.zadd(ascii("tk:rl:" + GOOD_LIMITER + ":" + GOOD_CLIENT), ScoredValue.just(now, ascii(now + "-1")));
        r.expire(ascii("tk:rl:" + GOOD_LIMITER + ":" + GOOD_CLIENT), 60);
        r.set(ascii("tk:cache:" + "0".repeat(32)), ascii("{\"items\":[]}"));
        r.hset(ascii("tk:stats:cache:response:" + minute(Instant.now())), ascii("hits"), ascii("3"));
        r.xadd(ascii("tk:audit"), Map.of(ascii("who"), ascii("alice"), ascii("when"), ascii(Instant.now().toString()),
                ascii("action"), ascii("cache.invalidate"), ascii("target"), ascii("response"), ascii("result"), ascii("ok")));
        r.setex(ascii("tk:session:good-session"), 86_400, ascii(session("good-session", "42", "ann", "2026-11-27T10:00:00+02:00")));
        r.sadd(ascii("tk:user:sessions:42"), ascii("good-session"));
    }

    // ---- leaderboards: P:challenge:<id>:leaderboard ----------------------------------------

    private void leaderboards(RedisCommands<byte[], byte[]> r, RedisAsyncCommands<byte[], byte[]> async) {
        String f = "leaderboards";
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] key = bytes("tk:challenge:", n.getValue(), ":leaderboard");
            r.zadd(key, 1, ascii("1"));
            add(f, "board id: " + n.getKey(), key);
        }
        byte[] colons = ascii("tk:challenge:a:b:c:leaderboard");
        r.zadd(colons, 1, ascii("1"));
        add(f, "board id with colons (a:b:c)", colons);
        byte[] empty = ascii("tk:challenge::leaderboard");
        r.zadd(empty, 1, ascii("1"));
        add(f, "empty board id", empty);

        byte[] members = ascii("tk:challenge:members:leaderboard");
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            r.zadd(members, 5, n.getValue());
            add(f, "member: " + n.getKey(), members);
        }
        r.zadd(members, 4, new byte[0]);
        add(f, "member: empty string", members);
        r.zadd(members, 3, ascii("0042"));
        add(f, "member: user id not in canonical form", members);

        byte[] scores = ascii("tk:challenge:scores:leaderboard");
        Map<String, Double> odd = new LinkedHashMap<>();
        odd.put("+inf", Double.POSITIVE_INFINITY);
        odd.put("-inf", Double.NEGATIVE_INFINITY);
        odd.put("1e308", 1e308);
        odd.put("-1e308", -1e308);
        odd.put("2^53+1", 9007199254740993.0);
        odd.put("smallest subnormal", Double.MIN_VALUE);
        long uid = 1;
        for (Map.Entry<String, Double> s : odd.entrySet()) {
            r.zadd(scores, s.getValue(), ascii(Long.toString(uid++)));
            add(f, "score " + s.getKey(), scores);
        }

        wrongTypes(r, f, "tk:challenge:wrongtype-%s:leaderboard");

        byte[] big = ascii("tk:challenge:big:leaderboard");
        bigSortedSet(async, big, i -> ascii(Long.toString(i)), i -> (double) (i % 1000));
        add(f, bigSize + " members", big);
    }

    // ---- rate limits: P:rl:<limiter>:<client> -----------------------------------------------

    private void rateLimits(RedisCommands<byte[], byte[]> r, RedisAsyncCommands<byte[], byte[]> async) {
        String f = "rate limits";
        long now = System.currentTimeMillis() / 1000;
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] limiterKey = bytes("tk:rl:", n.getValue(), ":10.0.0.9");
            r.zadd(limiterKey, now, ascii(now + "-1"));
            add(f, "limiter name: " + n.getKey(), limiterKey);
            byte[] clientKey = bytes("tk:rl:general:", n.getValue());
            r.zadd(clientKey, now, ascii(now + "-1"));
            add(f, "client name: " + n.getKey(), clientKey);
        }
        byte[] star = ascii("tk:rl:gen*ral:10.0.0.9");
        r.zadd(star, now, ascii(now + "-1"));
        add(f, "limiter name with '*'", star);
        byte[] noClient = ascii("tk:rl:general:");
        r.set(noClient, ascii("1"));
        add(f, "key without a client", noClient);
        byte[] noLimiter = ascii("tk:rl:nocolon");
        r.set(noLimiter, ascii("1"));
        add(f, "key without limiter/client separator", noLimiter);

        // sliding window (general): scores that are no times
        Map<String, Double> odd = new LinkedHashMap<>();
        odd.put("+inf", Double.POSITIVE_INFINITY);
        odd.put("-inf", Double.NEGATIVE_INFINITY);
        odd.put("1e308", 1e308);
        odd.put("far future (year 292278994)", (double) Long.MAX_VALUE);
        odd.put("in milliseconds, 1000 times the window away", (double) now * 1000);
        odd.put("far past", -1e18);
        for (Map.Entry<String, Double> s : odd.entrySet()) {
            byte[] key = ascii("tk:rl:general:score-" + s.getKey().replaceAll("[^a-z0-9+-]", ""));
            r.zadd(key, s.getValue(), ascii("m"));
            add(f, "sliding-window score " + s.getKey(), key);
        }
        // token bucket (ai-chat): fields that are no numbers
        Map<String, String[]> buckets = new LinkedHashMap<>();
        buckets.put("tokens not a number", new String[]{"tokens", "abc", "last_refill", Long.toString(now)});
        buckets.put("tokens inf", new String[]{"tokens", "inf", "last_refill", Long.toString(now)});
        buckets.put("tokens 1e308", new String[]{"tokens", "1e308", "last_refill", Long.toString(now)});
        buckets.put("tokens negative", new String[]{"tokens", "-5", "last_refill", Long.toString(now)});
        buckets.put("last_refill far future", new String[]{"tokens", "3", "last_refill", "9223372036854775807"});
        buckets.put("last_refill far past", new String[]{"tokens", "3", "last_refill", "-9223372036854775808"});
        buckets.put("last_refill 1e308", new String[]{"tokens", "3", "last_refill", "1e308"});
        buckets.put("fields missing", new String[]{"other", "1"});
        int b = 0;
        for (Map.Entry<String, String[]> e : buckets.entrySet()) {
            byte[] key = ascii("tk:rl:ai-chat:bucket-" + b++);
            String[] kv = e.getValue();
            for (int i = 0; i < kv.length; i += 2) {
                r.hset(key, ascii(kv[i]), ascii(kv[i + 1]));
            }
            add(f, "token bucket " + e.getKey(), key);
        }
        // fixed window (search): counters that are no counts
        Map<String, byte[]> counters = new LinkedHashMap<>();
        counters.put("not a number", ascii("abc"));
        counters.put("beyond a long", ascii("99999999999999999999"));
        counters.put("negative", ascii("-9223372036854775808"));
        counters.put("binary", BINARY);
        int c = 0;
        for (Map.Entry<String, byte[]> e : counters.entrySet()) {
            byte[] key = ascii("tk:rl:search:counter-" + c++);
            r.set(key, e.getValue());
            add(f, "fixed-window counter " + e.getKey(), key);
        }
        byte[] negTtl = ascii("tk:rl:search:far-ttl");
        r.set(negTtl, ascii("5"));
        r.expire(negTtl, 100L * 365 * 86_400);
        add(f, "fixed-window counter expiring in 100 years", negTtl);

        wrongTypes(r, f, "tk:rl:general:wrongtype-%s");

        byte[] big = ascii("tk:rl:general:big");
        bigSortedSet(async, big, i -> ascii(now + "-" + i), i -> (double) now);
        add(f, bigSize + " members in one window", big);
    }

    // ---- P:config:ratelimits ---------------------------------------------------------------

    private void rateLimitConfig(RedisCommands<byte[], byte[]> r) {
        String f = "rate-limit config";
        byte[] key = ascii("tk:config:ratelimits");
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("malformed JSON", ascii("{\"algorithm\":"));
        fields.put("not an object", ascii("[1,2,3]"));
        fields.put("limit 1e308", ascii("{\"algorithm\":\"sliding-window\",\"limit\":1e308,\"windowMs\":60000}"));
        fields.put("limit beyond a long", ascii("{\"algorithm\":\"sliding-window\",\"limit\":99999999999999999999,\"windowMs\":60000}"));
        fields.put("negative window", ascii("{\"algorithm\":\"sliding-window\",\"limit\":5,\"windowMs\":-1}"));
        fields.put("unknown algorithm", ascii("{\"algorithm\":\"leaky-bucket\",\"limit\":5,\"windowMs\":1000}"));
        fields.put("binary value", BINARY);
        int i = 0;
        for (Map.Entry<String, byte[]> e : fields.entrySet()) {
            r.hset(key, ascii("odd-" + i++), e.getValue());
            add(f, e.getKey(), key);
        }
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            r.hset(key, n.getValue(), ascii("{\"algorithm\":\"fixed-window\",\"limit\":5,\"windowMs\":60000}"));
            add(f, "limiter name: " + n.getKey(), key);
        }
    }

    // ---- caches: P:cache:<md5>, P:cache:user:<uid>, P:search:<uid>:<hash>, P:analytics:dashboard:... --

    private void caches(RedisCommands<byte[], byte[]> r, RedisAsyncCommands<byte[], byte[]> async) {
        String f = "caches";
        byte[] notHex = ascii("tk:cache:NOT-A-HASH");
        r.set(notHex, ascii("{}"));
        add(f, "response key without an md5", notHex);
        byte[] hashValue = ascii("tk:cache:" + "1".repeat(32));
        r.hset(hashValue, ascii("a"), ascii("b"));
        add(f, "response entry of another type (hash)", hashValue);
        byte[] binaryValue = ascii("tk:cache:" + "2".repeat(32));
        r.set(binaryValue, BINARY);
        add(f, "response entry with a binary body", binaryValue);
        byte[] hugeValue = ascii("tk:cache:" + "3".repeat(32));
        r.set(hugeValue, new byte[4 << 20]);
        add(f, "response entry of 4 MiB of NUL", hugeValue);
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] search = bytes("tk:search:", n.getValue(), ":abc");
            r.set(search, ascii("{}"));
            add(f, "search key user: " + n.getKey(), search);
            byte[] analytics = bytes("tk:analytics:dashboard:7:", n.getValue());
            r.set(analytics, ascii("{}"));
            add(f, "analytics key dates: " + n.getKey(), analytics);
        }
        byte[] indexNotNumber = ascii("tk:cache:user:abc");
        r.sadd(indexNotNumber, ascii("tk:cache:" + "0".repeat(32)));
        add(f, "per-user index of a user that is no number", indexNotNumber);
        byte[] indexWrongType = ascii("tk:cache:user:43");
        r.set(indexWrongType, ascii("x"));
        add(f, "per-user index of another type (string)", indexWrongType);
        byte[] indexMembers = ascii("tk:cache:user:44");
        for (byte[] m : ODD_NAMES.values()) {
            r.sadd(indexMembers, m);
        }
        add(f, "per-user index with odd members", indexMembers);
        byte[] big = ascii("tk:cache:user:99");
        for (int from = 0; from < bigSize; from += 1000) {
            byte[][] batch = new byte[Math.min(1000, bigSize - from)][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = ascii("tk:cache:" + String.format("%032x", from + i));
            }
            async.sadd(big, batch);
        }
        r.ping();
        add(f, bigSize + " members in one per-user index", big);
    }

    // ---- per-minute stats: P:stats:<feature>:<name>:<yyyyMMddHHmm> ---------------------------

    private void stats(RedisCommands<byte[], byte[]> r) {
        String f = "stats";
        String minute = minute(Instant.now().minusSeconds(60));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("hits not a number", "abc");
        values.put("hits beyond a long", "99999999999999999999");
        values.put("hits negative", "-7");
        values.put("hits 1e308", "1e308");
        int i = 0;
        for (Map.Entry<String, String> v : values.entrySet()) {
            String family = i++ % 2 == 0 ? "search" : "analytics";
            byte[] key = ascii("tk:stats:cache:" + family + ":" + minute(Instant.now().minusSeconds(60L * i)));
            r.hset(key, ascii("hits"), ascii(v.getValue()));
            add(f, "cache " + v.getKey(), key);
        }
        byte[] allowed = ascii("tk:stats:ratelimit:general:" + minute);
        r.hset(allowed, ascii("allowed"), ascii("inf"));
        r.hset(allowed, ascii("blocked"), ascii("99999999999999999999"));
        add(f, "limiter allowed inf, blocked beyond a long", allowed);
        byte[] wrongType = ascii("tk:stats:ratelimit:auth:" + minute);
        r.set(wrongType, ascii("1"));
        add(f, "limiter counters of another type (string)", wrongType);
        byte[] badMinute = ascii("tk:stats:cache:response:not-a-minute");
        r.hset(badMinute, ascii("hits"), ascii("1"));
        add(f, "minute that is no minute", badMinute);
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] key = bytes("tk:stats:ratelimit:", n.getValue(), ":" + minute);
            r.hset(key, ascii("allowed"), ascii("1"));
            add(f, "limiter name: " + n.getKey(), key);
        }
    }

    // ---- audit stream: P:audit ---------------------------------------------------------------

    private void audit(RedisCommands<byte[], byte[]> r) {
        String f = "audit";
        byte[] key = ascii("tk:audit");
        List<Map<byte[], byte[]>> entries = new ArrayList<>();
        entries.add(Map.of(ascii("unrelated"), ascii("field")));
        entries.add(Map.of(ascii("who"), ESCAPES, ascii("action"), NEWLINE, ascii("target"), BINARY, ascii("result"), BIDI));
        entries.add(Map.of(ascii("who"), ascii("bob"), ascii("when"), ascii("+999999999-12-31T23:59:59Z"), ascii("action"), ascii("x")));
        entries.add(Map.of(ascii("who"), ascii("bob"), ascii("when"), ascii("-999999999-01-01T00:00:00Z"), ascii("action"), ascii("x")));
        entries.add(Map.of(ascii("who"), ascii("bob"), ascii("when"), ascii("not a time"), ascii("action"), ascii("x")));
        entries.add(Map.of(ascii("who"), ascii("bob"), ascii("when"), ascii("99999999999999999999"), ascii("action"), ascii("x")));
        entries.add(Map.of(LATIN1, NUL, ascii("who"), new byte[0]));
        entries.add(Map.of(ascii("who"), ascii("w".repeat(100_000)), ascii("action"), ascii("long")));
        String[] what = {"entry without any known field", "control characters and binary in every field",
                "when far in the future", "when far in the past", "when not a time", "when a huge number",
                "binary field name, empty who", "who of 100,000 characters"};
        for (int i = 0; i < entries.size(); i++) {
            r.xadd(key, entries.get(i));
            add(f, what[i], key);
        }
    }

    // ---- sessions: P:session:<sid>, P:user:sessions:<uid>, P:sessions:expiry -------------------

    private void sessions(RedisCommands<byte[], byte[]> r, RedisAsyncCommands<byte[], byte[]> async) {
        String f = "sessions";
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] key = bytes("tk:session:", n.getValue(), "");
            r.setex(key, 86_400, ascii(session("odd", "42", "ann", "2026-11-27T10:00:00+02:00")));
            add(f, "session id: " + n.getKey(), key);
        }
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("malformed JSON", ascii("{\"user_id\":"));
        values.put("JSON array", ascii("[]"));
        values.put("binary value", BINARY);
        values.put("username with escapes and newline", utf8(session("u1", "43", "eve\\u001b]0;pwned\\u0007\\nroot", "2026-11-27T10:00:00Z")));
        values.put("user id 1e308", utf8(session("u2", "1e308", "x", "2026-11-27T10:00:00Z")));
        values.put("user id beyond a long", utf8(session("u3", "99999999999999999999", "x", "2026-11-27T10:00:00Z")));
        values.put("created far future", utf8(session("u4", "44", "x", "+999999999-12-31T23:59:59Z")));
        values.put("created far past", utf8(session("u5", "44", "x", "-999999999-01-01T00:00:00Z")));
        values.put("created not a time", utf8(session("u6", "44", "x", "yesterday")));
        values.put("empty value", new byte[0]);
        int i = 0;
        for (Map.Entry<String, byte[]> v : values.entrySet()) {
            byte[] key = ascii("tk:session:hostile-" + i++);
            r.setex(key, 86_400, v.getValue());
            add(f, v.getKey(), key);
        }
        byte[] wrongType = ascii("tk:session:wrongtype");
        r.hset(wrongType, ascii("user_id"), ascii("1"));
        add(f, "session of another type (hash)", wrongType);
        byte[] userNotNumber = ascii("tk:user:sessions:abc");
        r.sadd(userNotNumber, ascii("good-session"));
        add(f, "user set of a user that is no number", userNotNumber);
        byte[] userWrongType = ascii("tk:user:sessions:45");
        r.set(userWrongType, ascii("x"));
        add(f, "user set of another type (string)", userWrongType);
        byte[] oddMembers = ascii("tk:user:sessions:46");
        for (byte[] m : ODD_NAMES.values()) {
            r.sadd(oddMembers, m);
        }
        add(f, "user set with odd (ghost) ids", oddMembers);
        byte[] index = ascii("tk:sessions:expiry");
        r.zadd(index, Double.POSITIVE_INFINITY, ascii("good-session"));
        r.zadd(index, Double.NEGATIVE_INFINITY, BINARY);
        r.zadd(index, 1e308, ESCAPES);
        add(f, "index with inf, -inf and 1e308 expiries and odd ids", index);
        byte[] big = ascii("tk:user:sessions:47");
        for (int from = 0; from < bigSize; from += 1000) {
            byte[][] batch = new byte[Math.min(1000, bigSize - from)][];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = ascii("ghost-" + (from + k));
            }
            async.sadd(big, batch);
        }
        r.ping();
        add(f, bigSize + " ghost ids in one user set", big);
    }

    // ---- keys of nobody, and locks -----------------------------------------------------------------

    private void foreign(RedisCommands<byte[], byte[]> r) {
        String f = "other keys";
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("binary key", BINARY);
        keys.put("empty key name", new byte[0]);
        keys.put("the prefix alone", ascii("tk"));
        keys.put("the prefix and colon", ascii("tk:"));
        keys.put("key of 64 KiB", ascii("tk:" + "k".repeat(64 * 1024)));
        keys.put("lock of another type", ascii("tk:lock:{x}"));
        for (Map.Entry<String, byte[]> k : keys.entrySet()) {
            r.sadd(k.getValue(), ascii("x"));
            add(f, k.getKey(), k.getValue());
        }
    }

    // ---- channels ----------------------------------------------------------------------------

    private void channels(StatefulRedisPubSubConnection<byte[], byte[]> subscriber) {
        String f = "channels";
        List<byte[]> names = new ArrayList<>();
        names.add(ascii(GOOD_CHANNEL));
        for (Map.Entry<String, byte[]> n : ODD_NAMES.entrySet()) {
            byte[] channel = bytes("tk:messages:", n.getValue(), "");
            names.add(channel);
            add(f, "channel name: " + n.getKey(), channel);
        }
        byte[] bare = ascii("tk:");
        names.add(bare);
        add(f, "channel named by the prefix alone", bare);
        subscriber.sync().subscribe(names.toArray(new byte[0][]));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void wrongTypes(RedisCommands<byte[], byte[]> r, String family, String keyPattern) {
        byte[] string = ascii(keyPattern.formatted("string"));
        r.set(string, ascii("not this type"));
        add(family, "another type: string", string);
        byte[] hash = ascii(keyPattern.formatted("hash"));
        r.hset(hash, ascii("f"), ascii("v"));
        add(family, "another type: hash", hash);
        byte[] list = ascii(keyPattern.formatted("list"));
        r.rpush(list, ascii("a"));
        add(family, "another type: list", list);
        byte[] set = ascii(keyPattern.formatted("set"));
        r.sadd(set, ascii("a"));
        add(family, "another type: set", set);
        byte[] stream = ascii(keyPattern.formatted("stream"));
        r.xadd(stream, Map.of(ascii("f"), ascii("v")));
        add(family, "another type: stream", stream);
    }

    private void bigSortedSet(RedisAsyncCommands<byte[], byte[]> async, byte[] key,
                              java.util.function.LongFunction<byte[]> member, java.util.function.LongFunction<Double> score) {
        for (int from = 0; from < bigSize; from += 1000) {
            int n = Math.min(1000, bigSize - from);
            @SuppressWarnings("unchecked")
            ScoredValue<byte[]>[] batch = new ScoredValue[n];
            for (int i = 0; i < n; i++) {
                batch[i] = ScoredValue.just(score.apply(from + i), member.apply(from + i));
            }
            async.zadd(key, batch);
        }
        async.ping().toCompletableFuture().join(); // the replies are in order: all written
    }

    private void add(String family, String what, byte[] key) {
        inputs.add(new Input(family, what, key));
    }

    private static Map<String, byte[]> oddNames() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("Latin-1 byte", LATIN1);
        m.put("escape sequences", ESCAPES);
        m.put("newlines", NEWLINE);
        m.put("NUL", NUL);
        m.put("bidi override", BIDI);
        m.put("binary", BINARY);
        m.put("10,000 characters", ascii("L".repeat(10_000)));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String session(String sid, String userId, String username, String created) {
        return "{\"user_id\":" + userId + ",\"email\":\"x@example.org\",\"username\":\"" + username + "\",\"role\":\"user\","
                + "\"session_id\":\"" + sid + "\",\"ip_address\":\"10.0.0.7\",\"user_agent\":\"curl\","
                + "\"created_at\":\"" + created + "\",\"last_active\":\"" + created + "\"}";
    }

    private static String minute(Instant t) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC).format(t);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String start, byte[] middle, String end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(start));
        out.writeBytes(middle);
        out.writeBytes(ascii(end));
        return out.toByteArray();
    }

    private static byte[] bytes(String start, byte[] middle) {
        return bytes(start, middle, "");
    }

    /** Families and counts, sorted by family, for a report line. */
    public static String summary(Written w) {
        return new TreeMap<>(w.perFamily()).toString();
    }
}
