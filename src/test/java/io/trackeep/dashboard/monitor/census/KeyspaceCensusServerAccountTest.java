package io.trackeep.dashboard.monitor.census;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The census asks each master once a tick what its commands cost ({@code INFO commandstats}) and
 * paces by the server's part of its round trips; where INFO is refused it goes by the round trips.
 * Real Redis, real time: what is asserted holds however fast the machine is (a command's server
 * time is inside its round trip).
 */
@ExtendWith(RedisServerExtension.class)
class KeyspaceCensusServerAccountTest {

    private static void fill(RedisConnections redis, int sessions) {
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i < sessions; i++) {
            data.put(redis.keys().session("s" + i), "{}");
        }
        redis.sync().mset(data);
    }

    /** A census of a few calls a tick, so that a pass spans many ticks and so many accounts. */
    private static CensusSnapshot completePass(RedisConnections redis, CensusPace pace) {
        KeyspaceCensus census = new KeyspaceCensus(redis, pace, 3, Duration.ofSeconds(5), Clock.systemUTC(), Ticker.SYSTEM);
        CensusSnapshot s = census.advance();
        for (int ticks = 0; !s.complete() && ticks < 10_000; ticks++) {
            s = census.advance();
        }
        return s;
    }

    @Test
    void theServersPartOfAScanRoundTripComesFromItsOwnAccountAndIsLessThanTheWholeRoundTrip(RedisConnections redis) {
        fill(redis, 20_000);
        CensusPace pace = CensusPace.adaptive();

        CensusSnapshot done = completePass(redis, pace);

        assertThat(done.count(KeyKind.SESSION)).isEqualTo(20_000);
        assertThat(pace.serverPart("SCAN")).as("the server's time for SCAN, from INFO commandstats, over the round trips")
                .isGreaterThan(0.0).isLessThan(1.0);
    }

    @Test
    void whereInfoIsRefusedTheCensusStillCompletesAndGoesByItsRoundTrips(RedisServerProcess server, RedisConnections redis) {
        fill(redis, 20_000);
        redis.sync().aclSetuser("census", AclSetuserArgs.Builder.on().addPassword("census-pw").allKeys()
                .addCategory(AclCategory.KEYSPACE).addCategory(AclCategory.READ).addCategory(AclCategory.CONNECTION)
                .removeCommand(CommandType.INFO));
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("census", "census-pw"))) {
            CensusPace pace = CensusPace.adaptive();

            CensusSnapshot done = completePass(limited, pace);

            assertThat(done.count(KeyKind.SESSION)).isEqualTo(20_000);
            assertThat(pace.serverPart("SCAN")).as("no account: the whole round trip stands in for the server's time").isEqualTo(1.0);
        } finally {
            redis.sync().aclDeluser("census");
        }
    }
}
