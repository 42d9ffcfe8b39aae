package io.trackeep.dashboard.service.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex digests of a text's UTF-8 bytes, as Redis and the Go backend write them: a Lua
 * script's SHA-1 (what EVALSHA names), the MD5 in a cache key.
 */
public final class HexDigest {

    private HexDigest() {
    }

    public static String md5(String text) {
        return of("MD5", text);
    }

    public static String sha1(String text) {
        return of("SHA-1", text);
    }

    private static String of(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has MD5 and SHA-1
        }
    }
}
