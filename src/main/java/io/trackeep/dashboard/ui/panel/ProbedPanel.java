package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.redis.RedisConnections;

/**
 * A panel whose whole refresh is one {@link Probe}: it hands the probe to this class, which reads
 * it each tick and closes it (when it holds anything) with the window. The panel keeps the
 * probe's own methods at hand as {@link #probe} (load older entries, measure again). A panel that
 * combines several reads or panel state in one refresh extends {@link LivePanel} and writes its
 * {@code read}.
 *
 * @param <P> the probe, read on the refresh thread only (the panel may call its methods meant for the FX thread)
 */
public abstract class ProbedPanel<T, P extends Probe<T>, M extends LiveViewModel<T>, V extends PanelView>
        extends LivePanel<T, M, V> {

    protected final P probe;

    protected ProbedPanel(PanelSpec spec, PanelContext context, Refresh refresh, int appliesPerSecond, P probe, M model) {
        super(spec, context, refresh, appliesPerSecond, model);
        this.probe = probe;
    }

    @Override
    protected final T read(RedisConnections redis) throws Exception {
        return probe.collect(redis);
    }

    @Override
    final void releaseReads() throws Exception {
        if (probe instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
