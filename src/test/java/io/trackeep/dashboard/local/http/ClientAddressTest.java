package io.trackeep.dashboard.local.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aLoopbackPeerIsATrustedProxy_theFirstForwardedAddressCounts() throws Exception {
        assertThat(ClientAddress.resolve(LOOPBACK, "203.0.113.7, 10.0.0.1")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.resolve(LOOPBACK, " 2001:db8::1 ")).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.resolve(LOOPBACK, null)).isEqualTo("127.0.0.1");
    }

    @Test
    void anotherPeerCountsItselfWhateverItForwards() throws Exception {
        InetAddress remote = InetAddress.getByName("192.0.2.10");
        assertThat(ClientAddress.resolve(remote, "203.0.113.7")).isEqualTo("192.0.2.10");
    }

    @Test
    void aForwardedValueThatIsNotAnAddressIsIgnored() {
        assertThat(ClientAddress.resolve(LOOPBACK, "tk:*")).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.resolve(LOOPBACK, "evil host")).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.resolve(LOOPBACK, "")).isEqualTo("127.0.0.1");
    }
}
