package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What an admin asks the Sentinels of one master: the deployment as they see it, their quorum,
 * and a failover. Each question goes to the first Sentinel that answers, on the query connections
 * {@link SentinelMaster} keeps (and reconnects) while it follows the master; a Sentinel that is
 * down is skipped and shown unreachable.
 */
final class SentinelQueries {

    private final List<RedisURI> sentinels;
    // SentinelMaster's: one per Sentinel, same index as sentinels, null while that one is down
    private final AtomicReferenceArray<StatefulRedisSentinelConnection<String, String>> queries;
    private final String masterName;

    SentinelQueries(List<RedisURI> sentinels, AtomicReferenceArray<StatefulRedisSentinelConnection<String, String>> queries,
                    String masterName) {
        this.sentinels = sentinels;
        this.queries = queries;
        this.masterName = masterName;
    }

    /**
     * The master and its replicas as the first Sentinel that answers describes them
     * ({@code SENTINEL MASTER}, {@code SENTINEL REPLICAS}), and which Sentinels are reachable.
     */
    DeploymentView view() {
        List<DeploymentView.Node> nodes = new ArrayList<>();
        for (int i = 0; i < queries.length(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            if (q == null) {
                continue;
            }
            try {
                Map<String, String> master = q.sync().master(masterName);
                String masterAddress = master.get("ip") + ":" + master.get("port");
                nodes.add(new DeploymentView.Node(masterAddress, masterAddress, "master", null, List.of(), flags(master)));
                for (Map<String, String> r : q.sync().replicas(masterName)) {
                    String address = r.get("ip") + ":" + r.get("port");
                    List<String> flags = new ArrayList<>(flags(r));
                    if (!"ok".equals(r.get("master-link-status"))) {
                        flags.add("link-down");
                    }
                    nodes.add(new DeploymentView.Node(address, address, "replica", masterAddress, List.of(), flags));
                }
                break;
            } catch (RuntimeException e) {
                nodes.clear(); // ask the next Sentinel
            }
        }
        List<DeploymentView.Sentinel> sentinelView = new ArrayList<>();
        for (int i = 0; i < sentinels.size(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            sentinelView.add(new DeploymentView.Sentinel(address(i), q != null && q.isOpen()));
        }
        return new DeploymentView(Topology.SENTINEL, masterName, nodes, sentinelView);
    }

    /** A Sentinel's flags of an instance, without the role and the plain states: what is wrong with it. */
    private static List<String> flags(Map<String, String> instance) {
        List<String> flags = new ArrayList<>();
        for (String f : instance.getOrDefault("flags", "").split(",")) {
            if (!f.isBlank() && !f.equals("master") && !f.equals("slave")) {
                flags.add(f);
            }
        }
        return flags;
    }

    /**
     * The quorum and the Sentinels, asked of the first Sentinel that answers: {@code SENTINEL MASTER},
     * {@code SENTINEL SENTINELS} and {@code SENTINEL CKQUORUM} (a refused CKQUORUM is its answer:
     * NOQUORUM says why the quorum cannot be reached). Never throws: without an answer, the quorum is
     * unknown and not reachable.
     *
     * @param seen the master changes seen, which the status carries
     */
    SentinelStatus status(List<Failover> seen) {
        for (int i = 0; i < queries.length(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            if (q == null || !q.isOpen()) {
                continue;
            }
            try {
                Map<String, String> master = q.sync().master(masterName);
                List<Map<String, String>> others = q.sync().dispatch(CommandType.SENTINEL, new ListOfMapsOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).add("SENTINELS").add(masterName));
                boolean reachable;
                String answer;
                try {
                    answer = q.sync().dispatch(CommandType.SENTINEL, new StatusOutput<>(StringCodec.UTF8),
                            new CommandArgs<>(StringCodec.UTF8).add("CKQUORUM").add(masterName));
                    reachable = true;
                } catch (RedisCommandExecutionException refused) {
                    answer = refused.getMessage();
                    reachable = false;
                }
                String asked = address(i);
                return new SentinelStatus(masterName, asked, intOrNull(master.get("quorum")), flags(master),
                        ReplyNumbers.longOrNull(master.get("config-epoch")), reachable, answer, sentinelNodes(i, others), seen);
            } catch (RuntimeException e) {
                // ask the next Sentinel
            }
        }
        return new SentinelStatus(masterName, null, null, List.of(), null, false, "No Sentinel answered",
                sentinelNodes(-1, List.of()), seen);
    }

    /** The Sentinels of the settings (with this program's reachability), then others the answering one knows. */
    private List<SentinelStatus.Node> sentinelNodes(int asked, List<Map<String, String>> knownByAsked) {
        Map<String, Map<String, String>> known = new LinkedHashMap<>();
        for (Map<String, String> s : knownByAsked) {
            known.put(s.get("ip") + ":" + s.get("port"), s);
        }
        List<SentinelStatus.Node> nodes = new ArrayList<>();
        for (int i = 0; i < sentinels.size(); i++) {
            String address = address(i);
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            Map<String, String> seen = known.remove(address);
            nodes.add(new SentinelStatus.Node(address, q != null && q.isOpen(), seen == null ? List.of() : sentinelFlags(seen), i == asked));
        }
        known.forEach((address, s) -> nodes.add(new SentinelStatus.Node(address, null, sentinelFlags(s), false)));
        return nodes;
    }

    private static List<String> sentinelFlags(Map<String, String> sentinel) {
        return flags(sentinel).stream().filter(f -> !f.equals("sentinel")).toList();
    }

    /**
     * {@code SENTINEL FAILOVER <master>} on the first Sentinel that answers: it promotes a replica
     * without asking the others for agreement.
     *
     * @return the Sentinel's answer ({@code OK}) and which Sentinel gave it
     * @throws io.lettuce.core.RedisException the refusal (no good replica, a failover in progress) or
     *                                        that no Sentinel answered
     */
    String[] failover() {
        RuntimeException last = null;
        for (int i = 0; i < queries.length(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            if (q == null || !q.isOpen()) {
                continue;
            }
            try {
                String answer = q.sync().failover(masterName);
                return new String[] {answer, address(i)};
            } catch (RedisCommandExecutionException refused) {
                throw refused; // the Sentinels' own answer: asking another gives the same
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last != null ? last : new io.lettuce.core.RedisConnectionException("No Sentinel of " + sentinels.size() + " is reachable");
    }

    private static Integer intOrNull(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code host:port} of the i-th Sentinel of the settings. */
    private String address(int i) {
        return sentinels.get(i).getHost() + ":" + sentinels.get(i).getPort();
    }
}
