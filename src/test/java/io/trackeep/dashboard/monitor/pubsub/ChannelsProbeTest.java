package io.trackeep.dashboard.monitor.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class ChannelsProbeTest {

    @Test
    void countsChannelSubscribersOfTrackeepChannelsAndPatternsApart(RedisConnections redis) {
        try (Subscriptions a = new Subscriptions(redis); Subscriptions b = new Subscriptions(redis)) {
            a.subscribe("tk:messages:c1", m -> { });
            b.subscribe("tk:messages:c1", m -> { });
            a.subscribe("tk:notifications:42", m -> { });
            a.subscribe("other-app:events", m -> { }); // not under the prefix
            a.subscribePattern("tk:messages:*", m -> { });

            ChannelsSnapshot s = ChannelsProbe.collectOnce(redis);

            assertThat(s.channels()).containsExactly(
                    new ChannelCount("tk:messages:c1", 2),
                    new ChannelCount("tk:notifications:42", 1));
            assertThat(s.patternSubscriptions()).isEqualTo(1);
            assertThat(s.truncated()).isFalse();
            JsonNode json = Json.tree(Json.write(s));
            assertThat(json.isArray()).isTrue();
            assertThat(json.get(0).fieldNames()).toIterable().containsExactly("channel", "subscribers");
            assertThat(json.get(0).get("subscribers").asLong()).isEqualTo(2);
        }
    }

    @Test
    void manyChannelsAreCountedInChunksAndCapped(RedisConnections redis) {
        try (Subscriptions subs = new Subscriptions(redis)) {
            for (int i = 0; i < ChannelsProbe.MAX_CHANNELS + 5; i++) {
                subs.subscribe("tk:notifications:" + i, m -> { });
            }
            ChannelsSnapshot s = ChannelsProbe.collectOnce(redis);
            assertThat(s.channels()).hasSize(ChannelsProbe.MAX_CHANNELS).allMatch(c -> c.subscribers() == 1);
            assertThat(s.truncated()).isTrue();
        }
    }

    @Test
    void noSubscribersNoChannels(RedisConnections redis) {
        assertThat(Json.write(ChannelsProbe.collectOnce(redis))).isEqualTo("[]");
    }
}
