package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.NodeDetails;
import io.trackeep.dashboard.monitor.server.Readout;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.monitor.server.SlowLogOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetails;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.ui.kit.TableSection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The Server panel's view model without a window. */
class ServerViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static ClientConnection client(long id, String name, long idle) {
        return new ClientConnection(id, "127.0.0.1:" + (50000 + id), name, 60, idle, 0, "get", "N", "default");
    }

    private static ServerDetails clients(Long own, ClientConnection... list) {
        return new ServerDetails(null, Readout.ok(List.of(list)), own, null, null);
    }

    @Test
    void slowLogRowsFilterAndWhatToSayWithoutRows() {
        ServerViewModel vm = new ServerViewModel();
        TableSection<SlowLogOnNode> slow = vm.slowLog();
        assertThat(slow.placeholderProperty().get().title()).isEqualTo("Reading…");

        vm.apply(new ServerDetails(Readout.ok(List.of()), null, null, null, null), T0);
        assertThat(slow.placeholderProperty().get().title()).isEqualTo("No slow commands");
        assertThat(slow.placeholderProperty().get().message()).contains("slowlog-log-slower-than");

        SlowLogEntry eval = new SlowLogEntry(2, T0, Duration.ofMillis(15), List.of("EVAL", "return 1", "0"), "127.0.0.1:5000", "worker");
        SlowLogEntry keys = new SlowLogEntry(1, T0, Duration.ofMillis(12), List.of("HGETALL", "tk:big"), "10.0.0.9:6000", null);
        vm.apply(new ServerDetails(Readout.ok(List.of(eval, keys)), null, null, null, null), T0);
        assertThat(slow.filtered()).extracting(SlowLogOnNode::entry).containsExactly(eval, keys);
        slow.filterProperty().set("worker");
        assertThat(slow.filtered()).extracting(SlowLogOnNode::entry).containsExactly(eval);
        slow.filterProperty().set("hgetall");
        assertThat(slow.filtered()).extracting(SlowLogOnNode::entry).containsExactly(keys);
        slow.filterProperty().set("nothing-like-it");
        assertThat(slow.filtered()).isEmpty();
        assertThat(slow.placeholderProperty().get().title()).isEqualTo("Nothing matches “nothing-like-it”");
        assertThat(slow.placeholderProperty().get().message()).isEqualTo("Clear the filter to see all 2 rows.");

        vm.apply(new ServerDetails(null, null, null, null, null), T0.plusSeconds(1));
        assertThat(slow.rows()).as("a part not read keeps its rows").hasSize(2);
        assertThat(slow.readAtProperty().get()).isEqualTo(T0);

        vm.apply(new ServerDetails(Readout.denied("SLOWLOG is not permitted for this user (ACL)"), null, null, null, null), T0);
        assertThat(slow.rows()).isEmpty();
        assertThat(slow.placeholderProperty().get().title()).isEqualTo("Slow log not permitted for this user");
        assertThat(slow.placeholderProperty().get().message()).isEqualTo("SLOWLOG is not permitted for this user (ACL). "
                + "An admin can allow it with ACL SETUSER <user> +slowlog.");

        vm.apply(new ServerDetails(Readout.failed("SLOWLOG: Redis answered with an error: ERR boom"), null, null, null, null), T0);
        assertThat(slow.placeholderProperty().get().title()).isEqualTo("Slow log could not be read");
        assertThat(slow.placeholderProperty().get().message()).contains("ERR boom");
    }

    @Test
    void theChosenClientIsFollowedByIdAndTheOwnConnectionCannotBeKilled() {
        ServerViewModel vm = new ServerViewModel();
        vm.apply(clients(4L, client(4, "trackeep-dashboard", 0), client(6, "worker", 3)), T0);
        assertThat(vm.isOwn(vm.clients().rows().get(0))).isTrue();
        assertThat(vm.canKillProperty().get()).isFalse();
        assertThat(vm.killHintProperty().get()).isEqualTo("Choose a client in the table to kill its connection");

        vm.selectedClientProperty().set(vm.clients().rows().get(1));
        assertThat(vm.canKillProperty().get()).isTrue();
        assertThat(vm.killHintProperty().get()).isEqualTo("Close the connection of client 6 (asks first)");

        vm.apply(clients(4L, client(4, "trackeep-dashboard", 0), client(6, "worker", 4), client(7, "new", 0)), T0.plusSeconds(1));
        assertThat(vm.selectedClientProperty().get().client()).as("same client, fresh figures").isEqualTo(client(6, "worker", 4));

        vm.apply(clients(4L, client(4, "trackeep-dashboard", 0)), T0.plusSeconds(2));
        assertThat(vm.selectedClientProperty().get()).as("it left").isNull();
        assertThat(vm.canKillProperty().get()).isFalse();

        vm.selectedClientProperty().set(vm.clients().rows().get(0));
        assertThat(vm.canKillProperty().get()).isFalse();
        assertThat(vm.killHintProperty().get()).isEqualTo("Client 4 is this dashboard's own connection: it cannot be killed from here");
    }

    @Test
    void infoBySectionAndAllSections() {
        ServerViewModel vm = new ServerViewModel();
        Map<String, Map<String, String>> info = new LinkedHashMap<>();
        info.put("Server", new LinkedHashMap<>(Map.of("redis_version", "6.2.14")));
        info.put("Memory", new LinkedHashMap<>(Map.of("used_memory", "1024")));
        vm.apply(new ServerDetails(null, null, null, Readout.ok(info), null), T0);

        assertThat(vm.infoSections()).containsExactly(ServerViewModel.ALL_SECTIONS, "Server", "Memory");
        assertThat(vm.info().rows()).containsExactly(new InfoField("Server", "redis_version", "6.2.14"),
                new InfoField("Memory", "used_memory", "1024"));
        vm.selectedSectionProperty().set("Memory");
        assertThat(vm.info().rows()).containsExactly(new InfoField("Memory", "used_memory", "1024"));
        vm.info().filterProperty().set("VERSION");
        assertThat(vm.info().filtered()).isEmpty();
        vm.selectedSectionProperty().set(ServerViewModel.ALL_SECTIONS);
        assertThat(vm.info().filtered()).containsExactly(new InfoField("Server", "redis_version", "6.2.14"));

        vm.selectedSectionProperty().set("Memory");
        vm.apply(new ServerDetails(null, null, null, Readout.ok(info), null), T0.plusSeconds(1));
        assertThat(vm.selectedSectionProperty().get()).as("kept across refreshes").isEqualTo("Memory");
    }

    @Test
    void configurationRowsAndClear() {
        ServerViewModel vm = new ServerViewModel();
        vm.apply(new ServerDetails(null, null, null, null, Readout.ok(new TreeMap<>(Map.of("maxmemory", "0", "requirepass", "****")))), T0);
        assertThat(vm.config().rows()).containsExactly(new ConfigEntry("maxmemory", "0"), new ConfigEntry("requirepass", "****"));
        vm.reloadConfig();
        assertThat(vm.config().rows()).isEmpty();
        assertThat(vm.config().placeholderProperty().get().title()).isEqualTo("Reading…");

        vm.shownProperty().set(Part.CONFIG);
        vm.apply(clients(1L, client(1, null, 0)), T0);
        vm.clear();
        assertThat(vm.clients().rows()).isEmpty();
        assertThat(vm.ownClientIdsProperty().get()).isEmpty();
        assertThat(vm.infoSections()).containsExactly(ServerViewModel.ALL_SECTIONS);
    }

    private static final List<ServerNode> NODES = List.of(new ServerNode("10.0.0.1:7000", "master", List.of()),
            new ServerNode("10.0.0.2:7001", "replica", List.of()));

    private static NodeDetails onNode(String node, Long own, ClientConnection... list) {
        return new NodeDetails(node, clients(own, list));
    }

    @Test
    void allNodesMergeTheirClientsEachWithItsNodeAndOneNodeShowsOnlyItsOwn() {
        ServerViewModel vm = new ServerViewModel();
        assertThat(vm.sourceProperty().get()).as("one server: nothing to say").isEmpty();
        vm.apply(new ServerViewModel.Readings(NODES, null, List.of(onNode("10.0.0.1:7000", 4L, client(4, "trackeep-dashboard", 0),
                client(6, "worker", 3)), onNode("10.0.0.2:7001", 6L, client(6, "trackeep-dashboard", 0))), T0));
        assertThat(vm.nodes()).containsExactlyElementsOf(NODES);
        assertThat(vm.clients().rows()).extracting(ClientOnNode::key)
                .containsExactly("10.0.0.1:7000/4", "10.0.0.1:7000/6", "10.0.0.2:7001/6");
        assertThat(vm.clients().rows()).as("client 6 is the dashboard on one node and a worker on the other")
                .filteredOn(vm::isOwn).extracting(ClientOnNode::key).containsExactly("10.0.0.1:7000/4", "10.0.0.2:7001/6");
        assertThat(vm.sourceProperty().get()).startsWith("All 2 nodes: ");
        assertThat(vm.info().placeholderProperty().get().title()).isEqualTo("Choose a node to see its INFO");
        assertThat(vm.config().placeholderProperty().get().title()).isEqualTo("Choose a node to see its configuration");
        assertThat(ServerViewModel.readsInfoAndConfig(NODES, null)).isFalse();

        vm.selectedClientProperty().set(vm.clients().rows().get(1));
        assertThat(vm.killHintProperty().get()).isEqualTo("Close the connection of client 6 on 10.0.0.1:7000 (asks first)");

        vm.selectedNodeProperty().set("10.0.0.2:7001");
        assertThat(vm.clients().rows()).as("nothing of all nodes stays").isEmpty();
        assertThat(vm.selectedClientProperty().get()).isNull();
        assertThat(vm.sourceProperty().get()).isEqualTo("From 10.0.0.2:7001 · replica");
        vm.apply(new ServerViewModel.Readings(NODES, null, List.of(onNode("10.0.0.1:7000", 4L, client(9, "late", 0))), T0));
        assertThat(vm.clients().rows()).as("read for all nodes, after the choice: dropped").isEmpty();
        vm.apply(new ServerViewModel.Readings(NODES, "10.0.0.2:7001", List.of(onNode("10.0.0.2:7001", 6L,
                client(6, "trackeep-dashboard", 0), client(8, "backend", 1))), T0.plusSeconds(1)));
        assertThat(vm.clients().rows()).extracting(ClientOnNode::key).containsExactly("10.0.0.2:7001/6", "10.0.0.2:7001/8");

        Map<String, Map<String, String>> info = Map.of("Replication", Map.of("role", "slave"));
        vm.apply(new ServerViewModel.Readings(NODES, "10.0.0.2:7001", List.of(new NodeDetails("10.0.0.2:7001",
                new ServerDetails(null, null, null, Readout.ok(info), null))), T0.plusSeconds(2)));
        assertThat(vm.info().rows()).containsExactly(new InfoField("Replication", "role", "slave"));
        assertThat(vm.selectedNodeProperty().get()).as("kept across refreshes").isEqualTo("10.0.0.2:7001");

        vm.apply(new ServerViewModel.Readings(NODES.subList(0, 1), "10.0.0.2:7001", List.of(), T0.plusSeconds(3)));
        assertThat(vm.selectedNodeProperty().get()).as("the node left the deployment: all nodes").isNull();

        vm.selectedNodeProperty().set("10.0.0.1:7000");
        vm.clear();
        assertThat(vm.selectedNodeProperty().get()).as("another connection: all nodes").isNull();
        assertThat(vm.nodes()).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerIsNamedAndTheOthersRowsStay() {
        ServerViewModel vm = new ServerViewModel();
        vm.apply(new ServerViewModel.Readings(NODES, null, List.of(onNode("10.0.0.1:7000", 4L, client(4, "w", 0)),
                new NodeDetails("10.0.0.2:7001", new ServerDetails(null, Readout.failed("10.0.0.2:7001 does not answer: timeout"),
                        null, null, null))), T0));
        assertThat(vm.clients().rows()).extracting(ClientOnNode::key).containsExactly("10.0.0.1:7000/4");
        assertThat(vm.missingProperty().get()).isEqualTo("Not in the tables: 10.0.0.2:7001 does not answer: timeout");
    }
}
