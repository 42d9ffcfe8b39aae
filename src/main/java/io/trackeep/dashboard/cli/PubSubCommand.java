package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code pubsub channels|publish}: subscriber counts and the audited test message of the Pub/Sub panel. */
@Command(name = "pubsub",
        mixinStandardHelpOptions = true,
        description = "Pub/sub channels: subscriber counts, publish a test message.",
        subcommands = {PubSubCommand.Channels.class, PubSubCommand.Publish.class})
public final class PubSubCommand extends CommandGroup {

    @Command(name = "channels", mixinStandardHelpOptions = true,
            description = "Trackeep channels with subscribers and how many (pattern subscribers are counted apart).")
    static final class Channels extends RedisCommand {

        @Option(names = "--json", description = "Print [{\"channel\",\"subscribers\"}].")
        boolean json;

        @Override
        public Integer call() {
            try (RedisConnections c = redis.open()) {
                ChannelsSnapshot s = ChannelsProbe.collectOnce(c);
                printJsonOrTable(json, s, (channels, out) -> print(channels, out, c.keys().prefix()));
                if (!json && s.truncated()) {
                    err().println("warning: only the first " + ChannelsProbe.MAX_CHANNELS + " channels are listed");
                }
            }
            return 0;
        }
    }

    /** The table of {@code pubsub channels}, also the channel section of {@code snapshot}. */
    static void print(ChannelsSnapshot s, PrintWriter out, String prefix) {
        if (s.channels().isEmpty()) {
            out.println("No channel under " + prefix + ": has a subscriber by name.");
        } else {
            out.printf("%-48s %11s%n", "CHANNEL", "SUBSCRIBERS");
            for (ChannelCount ch : s.channels()) {
                out.printf("%-48s %11d%n", Printable.text(ch.channel()), ch.subscribers());
            }
        }
        out.println("Pattern subscriptions on the server: " + s.patternSubscriptions());
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publishes a JSON test message on a channel (asks first unless --yes; audited).")
    static final class Publish extends ActionCommand {

        @Option(names = "--channel", paramLabel = "CHANNEL", required = true, description = "The channel, e.g. tk:messages:test.")
        String channel;
        @Option(names = "--payload", paramLabel = "JSON", required = true, description = "The message: one JSON value.")
        String payload;
        @Override
        ActionPlan<?> plan(RedisConnections c) {
            return new PubSubActions(c).publishTest(Printable.parse(channel), payload);
        }
    }
}
