package io.trackeep.dashboard.monitor.audit;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit timeline: the newest {@value #PAGE} entries of the shared trail {@code P:audit}
 * (one XREVRANGE per call) and of this workstation's log, merged by {@link AuditTimeline}.
 * {@link #loadOlder()} (from any thread) asks the next call for one more page of each: older
 * shared entries with {@link AuditTrail#before}, kept until the connection changes, at most
 * {@value #MAX_ROWS} in all. The local file is read again only when it changed.
 *
 * <p>Failure behaviour: when Redis is unreachable the call throws (the window marks the panel
 * stale); when it answers with an error (the key is not a stream, an ACL forbids XREVRANGE) the
 * local entries are still shown and {@link AuditSnapshot#sharedProblem()} says why the shared
 * ones are missing. An unreadable local log is reported the same way in {@code localProblem}.
 * Not thread-safe apart from {@link #loadOlder()}: one caller at a time.
 */
public final class AuditProbe implements Probe<AuditSnapshot> {

    public static final int PAGE = 200;
    public static final int MAX_ROWS = 5_000;

    private final LocalAuditLog local;
    private final String localHost;
    private final Clock clock;
    private volatile boolean olderWanted;
    private RedisConnections connection;
    private final Map<String, AuditEntry> older = new LinkedHashMap<>();
    private boolean noOlderShared;
    private int localLimit = PAGE;
    private LocalRead localCache;

    private record LocalRead(long size, long modified, int limit, List<LocalAuditLog.Entry> entries) {
    }

    /**
     * @param local     this workstation's log, or null where none is kept
     * @param localHost the host name this workstation writes into shared entries ({@link AuditTrail#host()})
     */
    public AuditProbe(LocalAuditLog local, String localHost, Clock clock) {
        this.local = local;
        this.localHost = localHost;
        this.clock = clock;
    }

    public AuditProbe(LocalAuditLog local) {
        this(local, AuditTrail.localHostName(), Clock.systemUTC());
    }

    /** Asks the next {@link #collect} to read one more page of older entries. */
    public void loadOlder() {
        olderWanted = true;
    }

    @Override
    public AuditSnapshot collect(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            older.clear();
            noOlderShared = false;
            localLimit = PAGE;
        }
        boolean more = olderWanted;
        olderWanted = false;
        // the host given, not AuditTrail(redis), which would look the host name up on every call
        AuditTrail trail = new AuditTrail(redis, localHost, clock);

        List<AuditEntry> latest = List.of();
        String sharedProblem = null;
        try {
            latest = trail.latest(PAGE);
            if (more && older.size() + PAGE <= MAX_ROWS) {
                String oldest = older.isEmpty() ? (latest.isEmpty() ? null : latest.get(latest.size() - 1).id())
                        : new ArrayList<>(older.keySet()).get(older.size() - 1);
                if (oldest != null && latest.size() == PAGE) {
                    List<AuditEntry> page = trail.before(oldest, PAGE);
                    page.forEach(e -> older.put(e.id(), e));
                    noOlderShared = page.size() < PAGE;
                }
            }
        } catch (RedisAccessException e) {
            if (e.isUnavailable() || e.kind() == RedisAccessException.Kind.AUTH_FAILED) {
                throw e;
            }
            sharedProblem = e.getMessage();
        }
        Map<String, AuditEntry> shared = new LinkedHashMap<>();
        latest.forEach(e -> shared.put(e.id(), e));
        older.forEach(shared::putIfAbsent);

        if (more && localLimit + PAGE <= MAX_ROWS) {
            localLimit += PAGE;
        }
        List<LocalAuditLog.Entry> localEntries = List.of();
        String localProblem = null;
        if (local != null) {
            try {
                localEntries = readLocal();
            } catch (UncheckedIOException e) {
                localProblem = e.getMessage();
            }
        }
        boolean olderShared = sharedProblem == null && latest.size() == PAGE && !noOlderShared;
        boolean olderLocal = localEntries.size() == localLimit;
        return new AuditSnapshot(AuditTimeline.merge(new ArrayList<>(shared.values()), localEntries, localHost),
                shared.size(), localEntries.size(), olderShared, olderLocal, sharedProblem, localProblem,
                local == null ? null : local.file().toString(), clock.instant());
    }

    private List<LocalAuditLog.Entry> readLocal() {
        long size;
        long modified;
        try {
            if (!Files.exists(local.file())) {
                return List.of();
            }
            size = Files.size(local.file());
            modified = Files.getLastModifiedTime(local.file()).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local audit log " + local.file() + ": " + e.getMessage(), e);
        }
        LocalRead cached = localCache;
        if (cached == null || cached.size() != size || cached.modified() != modified || cached.limit() != localLimit) {
            localCache = new LocalRead(size, modified, localLimit, local.latest(localLimit));
        }
        return localCache.entries();
    }
}
