package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class PubSubCommandTest {

    @TempDir
    Path data;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RedisServerProcess server;
    private final RedisConnections redis;

    PubSubCommandTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @BeforeEach
    void dataDir() {
        System.setProperty(ConfigFolders.DATA_DIR_PROPERTY, data.toString());
    }

    @AfterEach
    void clearDataDir() {
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    private int run(String... args) {
        var cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--redis";
        all[args.length + 1] = server.uriWithPassword();
        return cl.execute(all);
    }

    @Test
    void channelsListsSubscriberCounts() {
        try (Subscriptions subs = new Subscriptions(redis)) {
            subs.subscribe("tk:messages:c1", m -> { });
            subs.subscribePattern("tk:notifications:*", m -> { });

            assertThat(run("pubsub", "channels", "--json")).as(err.toString()).isZero();
            JsonNode channels = Json.tree(out.toString());
            assertThat(channels).hasSize(1);
            assertThat(channels.get(0).get("channel").asText()).isEqualTo("tk:messages:c1");
            assertThat(channels.get(0).get("subscribers").asLong()).isEqualTo(1);

            out.getBuffer().setLength(0);
            assertThat(run("pubsub", "channels")).isZero();
            assertThat(out.toString()).containsPattern("tk:messages:c1\\s+1").contains("Pattern subscriptions on the server: 1");
        }
    }

    @Test
    void publishSendsTheTestMessageAndAuditsIt() throws Exception {
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subs = new Subscriptions(redis)) {
            subs.subscribe("tk:messages:test", received::add);

            int exit = run("pubsub", "publish", "--channel", "tk:messages:test", "--payload", "{\"body\":\"ping\"}", "--yes");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString().strip()).isEqualTo("Published a test message on tk:messages:test: received by 1 subscription");
            PubSubMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.payload()).isEqualTo("{\"body\":\"ping\"}");
            assertThat(new AuditTrail(redis).latest(1)).singleElement()
                    .satisfies(e -> assertThat(e.action()).isEqualTo(PubSubActions.PUBLISH_TEST));
        }
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedBeforeAnythingIsSent() {
        assertThat(run("pubsub", "publish", "--channel", "tk:messages:test", "--payload", "hello", "--yes")).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("error: The payload is not valid JSON");
        assertThat(new AuditTrail(redis).latest(1)).isEmpty();
    }

    @Test
    void readOnlyRefusesToPublish() {
        assertThat(run("pubsub", "publish", "--channel", "tk:messages:test", "--payload", "{}", "--read-only")).isEqualTo(CliErrors.READ_ONLY);
    }
}
