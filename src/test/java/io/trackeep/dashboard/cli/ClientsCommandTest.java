package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code clients list|kill} against a real Redis with a second, named client connection. */
@ExtendWith(RedisServerExtension.class)
class ClientsCommandTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private RedisClient client;
    private StatefulRedisConnection<String, String> worker;
    private long workerId;

    @BeforeEach
    void startWorker(RedisServerProcess server) {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
        client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
        worker = client.connect();
        worker.sync().clientSetname("worker");
        workerId = worker.sync().clientId();
    }

    @AfterEach
    void stopWorker() {
        client.shutdown();
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private int run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private boolean workerConnected(RedisConnections redis) {
        return new ServerDiagnostics(redis).clients().stream().anyMatch(c -> c.id() == workerId);
    }

    @Test
    void listShowsTheWorker(RedisServerProcess server) {
        assertThat(run("clients", "list", "--json", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
        JsonNode list = Json.tree(out.toString());
        assertThat(list).anySatisfy(c -> {
            assertThat(c.get("id").asLong()).isEqualTo(workerId);
            assertThat(c.get("name").asText()).isEqualTo("worker");
            assertThat(c.get("address").asText()).startsWith("127.0.0.1:");
        });

        out.getBuffer().setLength(0);
        assertThat(run("clients", "list", "--redis", server.uriWithPassword())).isZero();
        assertThat(out.toString()).contains("ADDRESS", "worker", "* this command's own connection");
    }

    @Test
    void killWithYesClosesTheClientAndAuditsIt(RedisServerProcess server, RedisConnections redis) {
        int exit = run("clients", "kill", "--id", Long.toString(workerId), "--yes", "--redis", server.uriWithPassword());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip()).startsWith("Killed client " + workerId + " (127.0.0.1:");
        assertThat(workerConnected(redis)).isFalse();
        assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("client.kill");
            assertThat(e.target()).startsWith("client " + workerId + " (127.0.0.1:").endsWith(", name 'worker')");
        });
        LocalAuditLog local = new LocalAuditLog(ConfigFolders.resolve().data().resolve("audit.jsonl"));
        assertThat(local.latest(1)).singleElement().satisfies(e -> assertThat(e.result()).startsWith("ok: Killed client"));
    }

    @Test
    void withoutYesAndWithoutATerminalNothingHappens(RedisServerProcess server, RedisConnections redis) {
        int exit = run("clients", "kill", "--id", Long.toString(workerId), "--redis", server.uriWithPassword());
        assertThat(exit).isEqualTo(AuditedAction.DECLINED);
        assertThat(err.toString()).contains("Kill client " + workerId + " (127.0.0.1:", "name 'worker'", "pass --yes",
                "Nothing was changed.");
        assertThat(workerConnected(redis)).isTrue();
        assertThat(new AuditTrail(redis).latest(1)).isEmpty();
    }

    @Test
    void readOnlyRefusesWithExitCode4(RedisServerProcess server, RedisConnections redis) {
        int exit = run("clients", "kill", "--id", Long.toString(workerId), "--yes", "--read-only", "--redis", server.uriWithPassword());
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).contains("refused: this connection is read-only");
        assertThat(workerConnected(redis)).isTrue();
        assertThat(worker.sync().ping()).isEqualTo("PONG");
    }

    @Test
    void anUnknownClientIsAnError(RedisServerProcess server) {
        assertThat(run("clients", "kill", "--id", "999999", "--yes", "--redis", server.uriWithPassword())).isEqualTo(1);
        assertThat(err.toString()).contains("Client 999999 is not connected (any more)");
    }

    @Test
    void aUserWhoMayListClientsButNotAskItsOwnIdStillGetsTheList(RedisServerProcess server, RedisConnections redis) {
        redis.sync().aclSetuser("lister", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("lister-pw").allKeys()
                .addCategory(io.lettuce.core.AclCategory.READ).addCommand(io.lettuce.core.protocol.CommandType.PING)
                .addCommand(io.lettuce.core.protocol.CommandType.CLIENT, io.lettuce.core.protocol.CommandKeyword.LIST)
                .addCommand(io.lettuce.core.protocol.CommandType.HELLO).addCommand(io.lettuce.core.protocol.CommandType.AUTH));
        try {
            String uri = "redis://lister:lister-pw@127.0.0.1:" + server.port();
            assertThat(run("clients", "list", "--redis", uri)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("worker", "own connection is not marked", "not permitted");
        } finally {
            redis.sync().aclDeluser("lister");
        }
    }
}
