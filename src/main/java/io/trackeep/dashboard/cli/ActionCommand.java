package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Mixin;

/**
 * A command that runs one admin action, as the window does: it plans the action on a fresh
 * connection and hands the plan to {@link AuditedAction} ({@code --yes}, {@code --json},
 * confirmation, read-only refusal, audit).
 */
abstract class ActionCommand extends RedisCommand {

    @Mixin
    AuditedAction action;

    @Override
    public final Integer call() {
        check();
        try (RedisConnections connection = redis.open()) {
            return action.run(connection, plan(connection));
        }
    }

    /** Checks the options before connecting (throw {@link #badOption}); nothing to check by default. */
    void check() {
    }

    /** The action to confirm and run; may throw to refuse it (e.g. nothing to act on). */
    abstract ActionPlan<?> plan(RedisConnections redis);
}
