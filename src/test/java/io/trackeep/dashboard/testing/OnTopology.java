package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.redis.Topology;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class that uses {@link RedisServerExtension} on a Cluster (3 masters, 3 replicas)
 * or a Sentinel set (master, replica, 3 Sentinels) instead of the standalone server. Meant for a
 * one-line subclass of a feature test, so the same tests run on every mode:
 * <pre>{@code
 * @OnTopology(Topology.CLUSTER)
 * class RedisSessionStoreOnClusterTest extends RedisSessionStoreTest {
 * }
 * }</pre>
 * The topologies are started once per test run and shared (FLUSHALL before each test, as on the
 * standalone server). Tests that need the standalone server itself (they stop and restart it)
 * are skipped on a topology: outages there are what the failover tests cover.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface OnTopology {
    Topology value();
}
