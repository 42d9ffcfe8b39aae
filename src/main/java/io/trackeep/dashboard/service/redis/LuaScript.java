package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script kept as a {@code .lua} resource next to the class that uses it. Runs with
 * EVALSHA (one round trip); after a NOSCRIPT (server restarted or SCRIPT FLUSH) it falls back to
 * EVAL, which also caches the script on the server for the next call.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = HexDigest.sha1(source);
    }

    /** Loads {@code resource} relative to {@code owner}, e.g. {@code LuaScript.load(Foo.class, "foo.lua")}. */
    public static LuaScript load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + resource + " next to " + owner.getName());
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() { return name; }

    public String sha() { return sha; }

    public String source() { return source; }

    public <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    public <T> CompletionStage<T> runAsync(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type,
                                           String[] keys, String... args) {
        CompletableFuture<T> first = redis.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return first.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(f -> f);
    }
}
