package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.server.NodeDetails;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Server panel's refresh: the visible tab only (one command; the configuration at most every
 * {@link #CONFIG_MAX_AGE}), of the node chosen or of every node. The nodes are asked of the
 * deployment on each refresh. The tab and node are chosen on the FX thread and read here on the
 * refresh thread.
 */
final class ServerReads implements Probe<ServerViewModel.Readings> {

    /** The configuration changes rarely: read again at most this often while its tab is shown. */
    static final Duration CONFIG_MAX_AGE = Duration.ofSeconds(10);

    // Written on the FX thread, read on the refresh thread.
    private volatile Part shown = Part.SLOW_LOG;
    private volatile String node; // host:port, null for all nodes
    // Written and read on the refresh thread; forgotten (null) from the FX thread to read the configuration again.
    private volatile Instant configReadAt;
    private volatile String configReadOn;
    private final ServerDetailsProbe details = new ServerDetailsProbe(() -> EnumSet.of(shown));

    /** The tab shown from now on. */
    void show(Part part) {
        shown = part;
    }

    /** The node read from now on (host:port), null for every node. */
    void choose(String chosen) {
        node = chosen;
        configReadAt = null;
    }

    /** The configuration is read again on the next refresh. */
    void readConfigAgain() {
        configReadAt = null;
    }

    /** Null while the configuration shown is recent enough, or when the tab asks for a node first. */
    @Override
    public ServerViewModel.Readings collect(RedisConnections redis) {
        Part part = shown;
        String chosen = node;
        Instant now = Instant.now();
        List<ServerNode> nodes = ServerDetailsProbe.nodes(redis);
        Set<Part> parts = EnumSet.of(part);
        if (part == Part.INFO || part == Part.CONFIG) {
            if (!ServerViewModel.readsInfoAndConfig(nodes, chosen)) {
                return new ServerViewModel.Readings(redis.topology(), nodes, chosen, List.of(), now); // asks for a node: nothing to read
            }
        }
        if (part == Part.CONFIG) {
            Instant read = configReadAt;
            if (read != null && Objects.equals(configReadOn, chosen) && now.isBefore(read.plus(CONFIG_MAX_AGE))) {
                return new ServerViewModel.Readings(redis.topology(), nodes, chosen, List.of(), now);
            }
            configReadAt = now;
            configReadOn = chosen;
        }
        List<NodeDetails> read;
        if (nodes.isEmpty()) {
            read = List.of(new NodeDetails(redis.nodeAddresses().get(0), details.collect(redis, parts)));
        } else if (chosen != null) {
            read = List.of(new NodeDetails(chosen, details.collect(redis, parts, chosen)));
        } else {
            read = details.collectEvery(redis, parts, nodes);
        }
        return new ServerViewModel.Readings(redis.topology(), nodes, chosen, read, now);
    }
}
