package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.ReplyNumbers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of CLIENT LIST.
 *
 * @param id          client id, for {@code CLIENT KILL ID}
 * @param address     {@code addr}: ip:port of the client
 * @param name        {@code name} set with CLIENT SETNAME, null when none
 * @param ageSeconds  {@code age}: seconds connected
 * @param idleSeconds {@code idle}: seconds since its last command
 * @param db          {@code db}: selected database
 * @param lastCommand {@code cmd}: last command run (Redis 7 writes subcommands as {@code client|list})
 * @param flags       {@code flags}: N normal, P pub/sub, S replica, M master, ...
 * @param user        {@code user}: ACL user (Redis 6+), null before
 */
public record ClientConnection(long id, String address, String name, long ageSeconds, long idleSeconds, int db,
                               String lastCommand, String flags, String user) {

    /** Whether this is a pub/sub subscriber connection. */
    public boolean isSubscriber() {
        return flags != null && flags.contains("P");
    }

    /**
     * Parses CLIENT LIST output: one client per line, {@code key=value} pairs separated by spaces.
     * Lines without a numeric id are skipped; unknown keys are ignored; missing numbers read as 0.
     */
    public static List<ClientConnection> parseList(String text) {
        List<ClientConnection> clients = new ArrayList<>();
        if (text == null) {
            return clients;
        }
        for (String line : text.split("\r?\n")) {
            Map<String, String> f = new HashMap<>();
            for (String pair : line.strip().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    f.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            Long id = ReplyNumbers.longOrNull(f.get("id"));
            if (id == null) {
                continue;
            }
            Long db = ReplyNumbers.longOrNull(f.get("db"));
            clients.add(new ClientConnection(id, blankToNull(f.get("addr")), blankToNull(f.get("name")),
                    orZero(ReplyNumbers.longOrNull(f.get("age"))), orZero(ReplyNumbers.longOrNull(f.get("idle"))),
                    db == null ? 0 : db.intValue(), blankToNull(f.get("cmd")), blankToNull(f.get("flags")),
                    blankToNull(f.get("user"))));
        }
        return clients;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
