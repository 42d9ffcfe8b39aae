package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.FailoverActions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;


/**
 * {@code failover [--replica host:port]}: the window's failover action from the command line. In a
 * Cluster the named replica takes over from its master ({@code CLUSTER FAILOVER}); with Sentinels
 * the Sentinels replace the master ({@code SENTINEL FAILOVER}). Confirmed, refused with
 * {@code --read-only}, audited, like every action.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Makes a replica the master, after confirmation; audited. A Cluster needs --replica (the replica that takes "
                + "over, host:port); with Sentinels the Sentinels choose the replica.")
final class FailoverCommand extends ActionCommand {

    @Option(names = "--replica", paramLabel = "HOST:PORT",
            description = "The replica that takes over (Cluster); with Sentinels, optional and only checked.")
    String replica;

    @Override
    ActionPlan<?> plan(RedisConnections connection) {
        return new FailoverActions(connection).failover(replica);
    }
}
