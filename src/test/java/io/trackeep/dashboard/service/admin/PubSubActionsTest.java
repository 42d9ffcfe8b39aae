package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class PubSubActionsTest {

    @TempDir
    Path dir;

    private AdminActions actions(RedisConnections redis) {
        return new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
    }

    @Test
    void publishesTheTestMessageToSubscribersAndAuditsIt(RedisConnections redis) throws Exception {
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subs = new Subscriptions(redis)) {
            subs.subscribe("tk:messages:test", received::add);
            subs.subscribePattern("tk:messages:*", received::add);
            String payload = "{\"id\":1,\"body\":\"hello\"}";

            ActionPlan<Long> plan = new PubSubActions(redis).publishTest("tk:messages:test", payload);

            assertThat(plan.question()).isEqualTo("Publish a test message on tk:messages:test?");
            assertThat(plan.verb()).isEqualTo("Publish");
            assertThat(plan.effects()).containsExactly(
                    "Publishes 23 bytes of JSON on tk:messages:test (PUBLISH)",
                    "Reaches 1 channel subscriber and every matching pattern subscriber (1 pattern subscription on this server); real users may see it");
            assertThat(received).as("planning sends nothing").isEmpty();

            ActionOutcome<Long> outcome = actions(redis).execute(plan);

            assertThat(outcome.value()).isEqualTo(2);
            assertThat(outcome.summary()).isEqualTo("Published a test message on tk:messages:test: received by 2 subscriptions");
            PubSubMessage first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.payload()).isEqualTo(payload);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(PubSubActions.PUBLISH_TEST);
                assertThat(e.target()).isEqualTo("tk:messages:test");
            });
        }
    }

    @Test
    void refusesAPayloadThatIsNotJsonAndAPatternBeforeAskingAnything(RedisConnections redis) {
        PubSubActions pubsub = new PubSubActions(redis);
        assertThatThrownBy(() -> pubsub.publishTest("tk:messages:test", "{\"a\":1} trailing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The payload is not valid JSON");
        assertThatThrownBy(() -> pubsub.publishTest("tk:messages:test", "hello"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The payload is not valid JSON");
        assertThatThrownBy(() -> pubsub.publishTest("tk:messages:*", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pattern");
        assertThatThrownBy(() -> pubsub.publishTest(" ", "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Enter a channel name");
    }

    @Test
    void aChannelOutsideThePrefixIsNamedInTheEffects(RedisConnections redis) {
        assertThat(new PubSubActions(redis).publishTest("orders", "[1,2]").effects())
                .contains("The channel is outside the Trackeep prefix tk: another application may read it");
    }

    @Test
    void readOnlyRefusesToPublish(RedisServerProcess server, RedisConnections rw) throws Exception {
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subs = new Subscriptions(rw);
             RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            subs.subscribe("tk:messages:test", received::add);
            ActionPlan<Long> plan = new PubSubActions(ro).publishTest("tk:messages:test", "{}");
            assertThatThrownBy(() -> actions(ro).execute(plan))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
