package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.ReplyNumbers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the text of an INFO reply into {@link RedisInfo}. A pure function, tolerant by design:
 * unknown fields and sections are kept only in {@link RedisInfo#sections()}, a missing section or
 * field becomes null, a value that does not parse becomes null, lines that are not
 * {@code field:value} are skipped. It never throws on any input.
 *
 * <p>Typed fields are looked up by field name across all sections, so a reply for one section
 * ({@code INFO memory}) or one without {@code #} headers still fills what it can.
 */
public final class InfoParser {

    private static final Pattern DB_FIELD = Pattern.compile("db(\\d{1,9})");
    private static final Pattern REPLICA_FIELD = Pattern.compile("slave\\d+");

    private InfoParser() {
    }

    public static RedisInfo parse(String raw) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> fields = new HashMap<>();
        String section = "";
        for (String line : (raw == null ? "" : raw).split("\r?\n")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                section = text.substring(1).strip();
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = text.substring(0, colon);
            String value = text.substring(colon + 1); // values may contain ':' (paths, IPv6)
            sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(name, value);
            fields.putIfAbsent(name, value);
        }
        Fields f = new Fields(fields);
        return new RedisInfo(server(f), memory(f), clients(f), stats(f), persistence(f), replication(f),
                keyspace(fields), freeze(sections));
    }

    private static ServerInfo server(Fields f) {
        return new ServerInfo(f.text("redis_version"), f.text("redis_mode"), f.text("os"), f.number("process_id"),
                f.integer("tcp_port"), f.number("uptime_in_seconds"), f.text("run_id"),
                f.instant("server_time_usec", ChronoUnit.MICROS));
    }

    private static MemoryInfo memory(Fields f) {
        return new MemoryInfo(f.number("used_memory"), f.number("used_memory_rss"), f.number("used_memory_peak"),
                f.number("maxmemory"), f.text("maxmemory_policy"), f.decimal("mem_fragmentation_ratio"),
                f.number("total_system_memory"));
    }

    private static ClientsInfo clients(Fields f) {
        return new ClientsInfo(f.number("connected_clients"), f.number("blocked_clients"), f.number("maxclients"));
    }

    private static StatsInfo stats(Fields f) {
        return new StatsInfo(f.number("instantaneous_ops_per_sec"), f.number("total_commands_processed"),
                f.number("total_connections_received"), f.number("rejected_connections"),
                f.number("keyspace_hits"), f.number("keyspace_misses"), f.number("expired_keys"),
                f.number("evicted_keys"), f.decimal("instantaneous_input_kbps"), f.decimal("instantaneous_output_kbps"),
                f.number("pubsub_channels"), f.number("pubsub_patterns"));
    }

    private static PersistenceInfo persistence(Fields f) {
        return new PersistenceInfo(f.flag("loading"), f.number("rdb_changes_since_last_save"),
                f.flag("rdb_bgsave_in_progress"), f.instant("rdb_last_save_time", ChronoUnit.SECONDS),
                f.text("rdb_last_bgsave_status"), f.flag("aof_enabled"), f.flag("aof_rewrite_in_progress"),
                f.text("aof_last_bgrewrite_status"), f.text("aof_last_write_status"), f.number("rdb_saves"), null);
    }

    private static ReplicationInfo replication(Fields f) {
        List<ReplicationInfo.Replica> replicas = new ArrayList<>();
        f.all.entrySet().stream()
                .filter(e -> REPLICA_FIELD.matcher(e.getKey()).matches())
                .sorted(Map.Entry.comparingByKey(InfoParser::byNumberSuffix))
                .forEach(e -> {
                    // Redis 2.8+: ip=..,port=..,state=..,offset=..,lag=..; older formats have no '=' and are skipped
                    Fields r = new Fields(pairs(e.getValue()));
                    if (!r.all.isEmpty()) {
                        replicas.add(new ReplicationInfo.Replica(r.text("ip"), r.integer("port"), r.text("state"),
                                r.number("offset"), r.number("lag")));
                    }
                });
        return new ReplicationInfo(f.text("role"), f.number("connected_slaves"), f.text("master_host"),
                f.integer("master_port"), f.text("master_link_status"), f.number("master_last_io_seconds_ago"),
                f.number("master_link_down_since_seconds"), f.number("master_repl_offset"), replicas);
    }

    private static KeyspaceInfo keyspace(Map<String, String> fields) {
        Map<Integer, KeyspaceInfo.Database> dbs = new HashMap<>();
        fields.forEach((name, value) -> {
            var m = DB_FIELD.matcher(name);
            if (!m.matches()) {
                return;
            }
            Fields db = new Fields(pairs(value));
            Long keys = db.number("keys");
            if (keys != null) { // "db0:keys=1,expires=0,avg_ttl=0[,subexpiry=0]"
                dbs.put(Integer.parseInt(m.group(1)), new KeyspaceInfo.Database(keys,
                        orZero(db.number("expires")), orZero(db.number("avg_ttl"))));
            }
        });
        return new KeyspaceInfo(dbs);
    }

    /** {@code a=1,b=2} → map; pieces without '=' are skipped. */
    private static Map<String, String> pairs(String value) {
        Map<String, String> result = new HashMap<>();
        for (String piece : value.split(",")) {
            int eq = piece.indexOf('=');
            if (eq > 0) {
                result.put(piece.substring(0, eq).strip(), piece.substring(eq + 1).strip());
            }
        }
        return result;
    }

    private static int byNumberSuffix(String a, String b) {
        return Integer.compare(a.length(), b.length()) != 0 ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Map<String, Map<String, String>> freeze(Map<String, Map<String, String>> sections) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sections.forEach((name, section) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(section))));
        return Collections.unmodifiableMap(copy);
    }

    /** Typed, null-tolerant lookups. */
    private record Fields(Map<String, String> all) {

        String text(String name) {
            String v = all.get(name);
            return v == null || v.isBlank() ? null : v.strip();
        }

        Long number(String name) {
            return ReplyNumbers.longOrNull(all.get(name));
        }

        Integer integer(String name) {
            return ReplyNumbers.intOrNull(all.get(name));
        }

        Double decimal(String name) {
            String v = text(name);
            if (v == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** An epoch count in {@code unit}; null when missing or out of range. */
        Instant instant(String name, ChronoUnit unit) {
            Long v = number(name);
            if (v == null) {
                return null;
            }
            try {
                return Instant.EPOCH.plus(v, unit);
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
        }

        Boolean flag(String name) {
            Long v = number(name);
            return v == null ? null : v != 0;
        }
    }
}
