package io.trackeep.dashboard.cli;

import picocli.CommandLine.Mixin;

/** A command on one Redis: the connection options ({@link RedisOptions}). */
abstract class RedisCommand extends CliCommand {

    @Mixin
    RedisOptions redis;
}
