package io.trackeep.dashboard.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.monitor.overview.RecentRates;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.InfoParser;
import io.trackeep.dashboard.service.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardSnapshotTest {

    @Test
    void jsonHasTheSevenSectionsInOrderWithUncollectedOnesNull() {
        HealthReport report = new HealthReport(HealthStatus.UP, Instant.now(), 250L,
                InfoParser.parse("redis_version:6.2.14\nused_memory:1000\nmaxmemory:0\nconnected_clients:3\n"
                        + "instantaneous_ops_per_sec:12\nkeyspace_hits:9\nkeyspace_misses:1\nevicted_keys:0\n"), List.of(), null);
        Alert alert = new Alert("memory", Alert.Severity.WARNING, "Memory at 85 %");
        DashboardSnapshot snapshot = DashboardSnapshot.ofServer(ServerSnapshot.of(report, List.of(alert), RecentRates.NONE));

        JsonNode json = Json.tree(Json.write(snapshot));

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("server", "alerts", "sessions", "rateLimits", "caches", "leaderboards", "channels",
                        "unavailable", "unrecognised");
        assertThat(json.get("server").get("version").asText()).isEqualTo("6.2.14");
        assertThat(json.get("server").get("pingMicros").asLong()).isEqualTo(250);
        assertThat(json.get("server").get("maxMemoryBytes").asLong()).isZero();
        assertThat(json.get("alerts")).hasSize(1);
        assertThat(json.get("alerts").get(0).fieldNames()).toIterable().containsExactly("rule", "severity", "message");
        assertThat(json.get("alerts").get(0).get("severity").asText()).isEqualTo("WARNING");
        for (String section : List.of("sessions", "rateLimits", "caches", "leaderboards", "channels")) {
            assertThat(json.get(section).isNull()).as(section).isTrue();
        }
    }
}
