package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;

/**
 * Reads a limiter script's reply, six integers (see {@link Decision#fromScript}), straight into
 * a {@link Decision}: no list, no boxed numbers. A reply of any other shape is an error.
 */
final class DecisionOutput extends CommandOutput<String, String, Decision> {

    private static final int FIELDS = 6;

    // fields, not an array: one object less per decision
    private long allowed;
    private long limit;
    private long remaining;
    private long retryMs;
    private long resetMs;
    private long nowMs;
    private int count;

    DecisionOutput(RedisCodec<String, String> codec) {
        super(codec, null);
    }

    @Override
    public void set(long integer) {
        switch (count++) {
            case 0 -> allowed = integer;
            case 1 -> limit = integer;
            case 2 -> remaining = integer;
            case 3 -> retryMs = integer;
            case 4 -> resetMs = integer;
            case 5 -> nowMs = integer;
            default -> {
                // too many: reported when the reply is complete
            }
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        unexpected();
    }

    @Override
    public void set(double number) {
        unexpected();
    }

    @Override
    public void complete(int depth) {
        if (depth == 0 && !hasError()) { // the whole reply is read
            if (count == FIELDS) {
                output = Decision.fromScript(allowed, limit, remaining, retryMs, resetMs, nowMs);
            } else {
                setError("ERR rate-limit script replied with " + count + " integers instead of " + FIELDS);
            }
        }
    }

    private void unexpected() {
        if (!hasError()) {
            setError("ERR rate-limit script replied with something other than integers");
        }
    }
}
