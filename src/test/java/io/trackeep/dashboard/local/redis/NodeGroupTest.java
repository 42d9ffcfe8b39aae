package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeGroupTest {

    @Test
    void whenOneStartFailsTheNodesThatStartedAreStoppedAndTheFailureIsThrown() {
        List<RedisServerProcess> started = new CopyOnWriteArrayList<>();
        Supplier<RedisServerProcess> starts = () -> {
            RedisServerProcess p = RedisServerProcess.start();
            started.add(p);
            return p;
        };
        IllegalStateException taken = new IllegalStateException("port taken");
        Supplier<RedisServerProcess> fails = () -> {
            throw taken;
        };

        assertThatThrownBy(() -> NodeGroup.startAll(List.of(starts, fails, starts), Function.identity(), "test-start"))
                .hasRootCause(taken);

        assertThat(started).hasSize(2).noneMatch(RedisServerProcess::isRunning);
    }

    @Test
    void startsEveryNodeAndStopsThemTogether() {
        List<RedisServerProcess> nodes = NodeGroup.startAll(List.of(RedisServerProcess::start, RedisServerProcess::start),
                Function.identity(), "test-start");
        try {
            assertThat(nodes).hasSize(2).allMatch(RedisServerProcess::isRunning);
        } finally {
            NodeGroup.closeAll(nodes);
        }
        assertThat(nodes).noneMatch(RedisServerProcess::isRunning);
    }
}
