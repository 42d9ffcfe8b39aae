package io.trackeep.dashboard.local.http;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Who a request counts against for rate limiting, as the backend's middleware decides it: the
 * peer address, or, when the peer is loopback (a trusted proxy on the same machine), the first
 * address of {@code X-Forwarded-For}. That lets tests and the simulator act as many clients.
 * A forwarded value that is not an IP literal is ignored (the peer counts), so a header cannot
 * put arbitrary text into Redis key names.
 */
final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ClientAddress() {
    }

    static String resolve(InetAddress peer, String forwardedFor) {
        String peerAddress = peer.getHostAddress();
        if (!peer.isLoopbackAddress() || forwardedFor == null) {
            return peerAddress;
        }
        int comma = forwardedFor.indexOf(',');
        String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
        return IP_LITERAL.matcher(first).matches() ? first : peerAddress;
    }
}
