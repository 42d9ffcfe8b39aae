package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.ServerActions;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code clients list [--json]} and {@code clients kill --id N [--yes]}: the Server panel's client
 * list and its "Kill client" action, planned by the same {@link ServerActions} and executed by
 * the same {@link AdminActions} (read-only refusal, shared and local audit).
 */
@Command(name = "clients",
        mixinStandardHelpOptions = true,
        description = "Client connections of the Redis: list them, kill one.",
        subcommands = {ClientsCommand.ListClients.class, ClientsCommand.KillClient.class})
final class ClientsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the connected clients (CLIENT LIST).")
    static final class ListClients extends RedisCommand {

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            List<ClientConnection> clients;
            Long own;
            String ownUnknown = null;
            try (RedisConnections connection = redis.open()) {
                clients = new ServerDiagnostics(connection).clients();
                try {
                    own = new ServerActions(connection).ownClientId();
                } catch (RedisAccessException e) {
                    if (e.isUnavailable()) {
                        throw e;
                    }
                    own = null; // CLIENT ID refused by the ACL: the list is still the list, only unmarked
                    ownUnknown = e.getMessage();
                }
            }
            PrintWriter out = out();
            if (json) {
                out.println(Json.write(clients));
            } else {
                out.printf(Locale.ROOT, "%6s  %-21s %-24s %8s %8s %3s %-14s %-6s %s%n",
                        "ID", "ADDRESS", "NAME", "AGE", "IDLE", "DB", "LAST COMMAND", "FLAGS", "USER");
                for (ClientConnection c : clients) {
                    out.printf(Locale.ROOT, "%6d%s %-21s %-24s %7ds %7ds %3d %-14s %-6s %s%n", c.id(),
                            own != null && c.id() == own ? "*" : " ",
                            text(c.address()), text(c.name()), c.ageSeconds(), c.idleSeconds(), c.db(), text(c.lastCommand()),
                            text(c.flags()), text(c.user()));
                }
                out.println(own != null ? "* this command's own connection"
                        : "(this command's own connection is not marked: " + Printable.message(ownUnknown) + ")");
            }
            out.flush();
            return 0;
        }

        private static String text(String s) {
            return s == null ? "-" : Printable.text(s);
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Closes one client connection (CLIENT KILL ID), after confirmation; audited.")
    static final class KillClient extends ActionCommand {

        @Option(names = "--id", required = true, paramLabel = "N", description = "The client id, as `clients list` shows it.")
        long id;

        @Option(names = "--node", paramLabel = "HOST:PORT",
                description = "The node the client is on (Cluster, Sentinel replica): client ids are per node. "
                        + "Default: the node this command talks to first.")
        String node;

        @Override
        ActionPlan<?> plan(RedisConnections connection) {
            return new ServerActions(connection, node).killClient(id);
        }
    }
}
