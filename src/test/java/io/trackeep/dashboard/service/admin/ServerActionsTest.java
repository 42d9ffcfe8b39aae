package io.trackeep.dashboard.service.admin;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class ServerActionsTest {

    @TempDir
    Path dir;

    @Test
    void killClientSaysExactlyWhichClientAndClosesIt(RedisServerProcess server, RedisConnections redis) {
        try (RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
             StatefulRedisConnection<String, String> worker = client.connect()) {
            worker.sync().clientSetname("worker");
            long id = worker.sync().clientId();
            ClientConnection seen = new ServerDiagnostics(redis).clients().stream().filter(c -> c.id() == id).findFirst().orElseThrow();

            ActionPlan<Boolean> plan = new ServerActions(redis).killClient(id);

            assertThat(plan.action()).isEqualTo("client.kill");
            assertThat(plan.question()).isEqualTo("Kill client " + id + " (" + seen.address() + ", name 'worker', idle 0 s)?");
            assertThat(plan.target()).isEqualTo("client " + id + " (" + seen.address() + ", name 'worker')");
            assertThat(plan.verb()).isEqualTo("Kill client " + id);
            assertThat(plan.effects()).first().asString().contains("CLIENT KILL ID " + id);

            ActionOutcome<Boolean> outcome = new AdminActions(redis, new AuditTrail(redis),
                    new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1").execute(plan);

            assertThat(outcome.value()).isTrue();
            assertThat(outcome.summary()).isEqualTo("Killed client " + id + " (" + seen.address() + ")");
            assertThat(new ServerDiagnostics(redis).clients()).extracting(ClientConnection::id).doesNotContain(id);
            assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("client.kill");
                assertThat(e.target()).isEqualTo(plan.target());
                assertThat(e.result()).isEqualTo("ok: " + outcome.summary());
            });
        }
    }

    @Test
    void aSubscriberAndADashboardConnectionAreNamedAsSuch(RedisServerProcess server, RedisConnections redis) {
        try (RedisConnections other = RedisConnections.open(server.settings())) {
            var pubSub = other.newPubSub();
            pubSub.sync().subscribe("tk:notifications:1");
            long id = new ServerDiagnostics(redis).clients().stream().filter(ClientConnection::isSubscriber)
                    .findFirst().orElseThrow().id();
            ActionPlan<Boolean> plan = new ServerActions(redis).killClient(id);
            assertThat(plan.effects()).anySatisfy(e -> assertThat(e).startsWith("It is a pub/sub subscriber"))
                    .anySatisfy(e -> assertThat(e).startsWith("It is a Trackeep dashboard connection"));
            assertThat(plan.question()).contains("name 'trackeep-dashboard'");
        }
    }

    @Test
    void refusesTheOwnConnectionAndAClientThatIsGone(RedisConnections redis) {
        ServerActions actions = new ServerActions(redis);
        long own = actions.ownClientId();
        assertThatThrownBy(() -> actions.killClient(own)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Client " + own + " is this dashboard's own connection: killing it would only interrupt "
                        + "the dashboard until it reconnects");
        assertThatThrownBy(() -> actions.killClient(987_654)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Client 987654 is not connected (any more)");
        assertThat(redis.sync().ping()).isEqualTo("PONG");
    }

    @Test
    void readOnlyConnectionRefusesAndTheClientStays(RedisServerProcess server, RedisConnections redis) {
        try (RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
             StatefulRedisConnection<String, String> worker = client.connect();
             RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            long id = worker.sync().clientId();
            ActionPlan<Boolean> plan = new ServerActions(readOnly).killClient(id);
            assertThatThrownBy(() -> new AdminActions(readOnly, new AuditTrail(readOnly), null, "ann@ws1").execute(plan))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(worker.sync().ping()).isEqualTo("PONG");
            assertThat(new ServerDiagnostics(redis).clients()).extracting(ClientConnection::id).contains(id);
        }
    }

    @Test
    void idleTimesAreShort() {
        assertThat(ServerActions.idle(3)).isEqualTo("3 s");
        assertThat(ServerActions.idle(250)).isEqualTo("4 min");
        assertThat(ServerActions.idle(7300)).isEqualTo("2 h");
        assertThat(ServerActions.idle(200_000)).isEqualTo("2 d");
    }
}
