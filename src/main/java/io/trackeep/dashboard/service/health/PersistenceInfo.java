package io.trackeep.dashboard.service.health;

import java.time.Instant;

/**
 * INFO {@code persistence}. Fields are null when not reported.
 *
 * @param loading                 {@code loading}: the server is loading its dataset and refuses most commands
 * @param rdbChangesSinceLastSave {@code rdb_changes_since_last_save}
 * @param rdbSaveInProgress       {@code rdb_bgsave_in_progress}
 * @param rdbLastSaveTime         {@code rdb_last_save_time}
 * @param rdbLastSaveStatus       {@code rdb_last_bgsave_status}: "ok" or "err"
 * @param aofEnabled              {@code aof_enabled}
 * @param aofRewriteInProgress    {@code aof_rewrite_in_progress}
 * @param aofLastRewriteStatus    {@code aof_last_bgrewrite_status}
 * @param aofLastWriteStatus      {@code aof_last_write_status}
 * @param rdbSaves                {@code rdb_saves}: snapshots since start (Redis 7 and later; null before)
 * @param saveSchedule            the {@code save} configuration ("3600 1 300 100", or "" when RDB snapshots are
 *                                off); null when unknown (CONFIG not permitted). {@code rdb_last_save_time}
 *                                alone cannot tell: it is the start time on a server that never saved.
 */
public record PersistenceInfo(Boolean loading, Long rdbChangesSinceLastSave, Boolean rdbSaveInProgress,
                              Instant rdbLastSaveTime, String rdbLastSaveStatus, Boolean aofEnabled,
                              Boolean aofRewriteInProgress, String aofLastRewriteStatus, String aofLastWriteStatus,
                              Long rdbSaves, String saveSchedule) {

    /** The same, with the {@code save} configuration read apart (CONFIG GET save). */
    public PersistenceInfo withSaveSchedule(String schedule) {
        return new PersistenceInfo(loading, rdbChangesSinceLastSave, rdbSaveInProgress, rdbLastSaveTime, rdbLastSaveStatus,
                aofEnabled, aofRewriteInProgress, aofLastRewriteStatus, aofLastWriteStatus, rdbSaves, schedule);
    }

    /** True when RDB snapshots are configured; null when unknown. */
    public Boolean snapshotsOn() {
        return saveSchedule == null ? null : !saveSchedule.isBlank();
    }

    /** True when the last RDB save or AOF write failed (with stop-writes-on-bgsave-error Redis then refuses writes). */
    public boolean hasFailure() {
        return failed(rdbLastSaveStatus) || failed(aofLastWriteStatus) || failed(aofLastRewriteStatus);
    }

    private static boolean failed(String status) {
        return status != null && !status.equals("ok");
    }
}
