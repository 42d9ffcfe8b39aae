package io.trackeep.dashboard.service.lock;

import java.time.Duration;

/**
 * A held lock: proof of one acquisition.
 *
 * @param name  the lock name ({@code KeySchema.lock(name)} is its key)
 * @param token random value only this holder knows; release and extend check it
 * @param fence number of this acquisition, strictly greater than that of every earlier
 *              acquisition of the same name; pass it to the protected resource so it can refuse
 *              a holder whose lease already ran out
 * @param ttl   the lease this holder asked for last (at acquire or extend)
 */
public record Lock(String name, String token, long fence, Duration ttl) {
}
