package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisNodeTest {

    @Test
    void theHostIsTheAddressWithoutItsPortSoMastersOfOneMachineGroupTogether() {
        assertThat(new RedisNode("a", "127.0.0.1:7000").host()).isEqualTo("127.0.0.1");
        assertThat(new RedisNode("b", "127.0.0.1:7001").host()).isEqualTo(new RedisNode("a", "127.0.0.1:7000").host());
        assertThat(new RedisNode("c", "redis-a.internal:6379").host()).isEqualTo("redis-a.internal");
        assertThat(new RedisNode("d", "[::1]:7000").host()).isEqualTo("[::1]");
        assertThat(new RedisNode("e", "no-port").host()).isEqualTo("no-port");
    }
}
