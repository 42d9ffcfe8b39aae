package io.trackeep.dashboard.service.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SLOWLOG and CLIENT LIST replies parsed without a server: shapes of several Redis versions and broken input. */
class RepliesTest {

    @Test
    void clientListAsRedis62PrintsIt() {
        // captured from redis-server 6.2 (CLIENT LIST with a replica attached)
        String text = "id=3 addr=127.0.0.1:41269 laddr=127.0.0.1:36379 fd=7 name= age=9 idle=0 flags=S db=0 sub=0 psub=0 "
                + "multi=-1 qbuf=0 qbuf-free=40954 argv-mem=0 obl=0 oll=0 omem=0 tot-mem=61464 events=r cmd=replconf user=default redir=-1\n"
                + "id=9 addr=127.0.0.1:40534 laddr=127.0.0.1:36379 fd=8 name=trackeep-dashboard age=120 idle=3 flags=P db=2 sub=1 psub=0 "
                + "multi=-1 qbuf=6 qbuf-free=40948 argv-mem=10 obl=0 oll=0 omem=0 tot-mem=61466 events=r cmd=subscribe user=default redir=-1\n";

        List<ClientConnection> clients = ClientConnection.parseList(text);

        assertThat(clients).containsExactly(
                new ClientConnection(3, "127.0.0.1:41269", null, 9, 0, 0, "replconf", "S", "default"),
                new ClientConnection(9, "127.0.0.1:40534", "trackeep-dashboard", 120, 3, 2, "subscribe", "P", "default"));
        assertThat(clients.get(1).isSubscriber()).isTrue();
        assertThat(clients.get(0).isSubscriber()).isFalse();
    }

    @Test
    void clientListToleratesOldNewAndBrokenLines() {
        String text = "id=1 addr=[::1]:5000 fd=5 name=x age=1 idle=1 flags=N db=0 cmd=client|list resp=3 lib-name=lettuce\r\n"
                + "addr=10.0.0.1:1 fd=6 age=1\r\n"          // no id: skipped
                + "id=abc addr=10.0.0.1:2\r\n"                // id not a number: skipped
                + "id=2 addr=10.0.0.1:3 age=x db=\r\n"        // Redis 2.x style, missing/odd numbers
                + "\r\n";

        List<ClientConnection> clients = ClientConnection.parseList(text);

        assertThat(clients).containsExactly(
                new ClientConnection(1, "[::1]:5000", "x", 1, 1, 0, "client|list", "N", null),
                new ClientConnection(2, "10.0.0.1:3", null, 0, 0, 0, null, null, null));
        assertThat(ClientConnection.parseList(null)).isEmpty();
        assertThat(ClientConnection.parseList("")).isEmpty();
    }

    @Test
    void slowLogEntriesOfEveryShape() {
        List<Object> reply = List.of(
                List.of(14L, 1795807020L, 25_300L, List.of("HGETALL", "tk:stats:cache:response:202611271917"), "127.0.0.1:5000", "trackeep-dashboard"),
                List.of(13L, 1795807010L, 12_000L, List.of("DEBUG", "SLEEP", "0.012"), "127.0.0.1:5001", ""),
                List.of(12L, 1795807000L, 11_000L, List.of("KEYS", "*")),                 // Redis < 4: no client fields
                List.of(11L, "not a time", 1L, List.of("GET")),                            // malformed: skipped
                "not an entry",                                                            // skipped
                List.of(10L, 1L));                                                         // too short: skipped

        List<SlowLogEntry> entries = SlowLogEntry.parse(reply);

        assertThat(entries).hasSize(3);
        SlowLogEntry first = entries.get(0);
        assertThat(first.id()).isEqualTo(14);
        assertThat(first.startedAt()).isEqualTo(Instant.ofEpochSecond(1795807020L));
        assertThat(first.duration()).isEqualTo(Duration.ofNanos(25_300_000));
        assertThat(first.command()).containsExactly("HGETALL", "tk:stats:cache:response:202611271917");
        assertThat(first.commandName()).isEqualTo("HGETALL");
        assertThat(first.clientAddress()).isEqualTo("127.0.0.1:5000");
        assertThat(first.clientName()).isEqualTo("trackeep-dashboard");
        assertThat(entries.get(1).clientName()).isNull();
        assertThat(entries.get(2).clientAddress()).isNull();
        assertThat(SlowLogEntry.parse(null)).isEmpty();
        assertThat(new SlowLogEntry(1, Instant.EPOCH, Duration.ZERO, List.of(), null, null).commandName()).isEqualTo("?");
    }
}
