package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import reactor.core.publisher.Mono;

import java.net.SocketAddress;

/**
 * A Lettuce client whose data connections (those opened with {@link #dataUri}) go to the master
 * {@link SentinelMaster} follows, at every connect and reconnect; connections to the Sentinels
 * themselves resolve as usual.
 */
final class SentinelClient extends RedisClient {

    private final RedisURI dataUri;
    private volatile SentinelMaster master;

    SentinelClient(ClientResources resources, RedisURI dataUri) {
        super(resources, dataUri);
        this.dataUri = dataUri;
    }

    RedisURI dataUri() { return dataUri; }

    void follow(SentinelMaster followed) {
        this.master = followed;
    }

    @Override
    protected Mono<SocketAddress> getSocketAddress(RedisURI redisURI) {
        SentinelMaster m = master;
        if (redisURI == dataUri && m != null) {
            return Mono.fromSupplier(m::address);
        }
        return super.getSocketAddress(redisURI);
    }
}
