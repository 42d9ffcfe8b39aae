package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A panel reads its probe on the window's connection and closes it with the window. */
class LivePanelTest extends LivePanelTestSupport {

    /** Reads the server's DBSIZE; counts its reads and whether it was closed. */
    private static final class SizeProbe implements Probe<Long>, AutoCloseable {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public Long collect(RedisConnections redis) {
            reads.incrementAndGet();
            return redis.sync().dbsize();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static final class Sizes implements LiveViewModel<Long> {
        final List<Long> shown = new ArrayList<>(); // FX thread only

        @Override
        public void apply(Long size) {
            shown.add(size);
        }

        @Override
        public void clear() {
        }
    }

    /** Refreshes from construction (like the Overview), so it reads without being shown or built. */
    private static final class SizePanel extends LivePanel<Long, SizeProbe, Sizes, PanelView> {
        SizePanel(PanelContext context) {
            super(new PanelSpec("size", "Size", StandardPanels.AUDIT.glyph(), null, "the key count", "the key count"), context,
                    Refresh.ALWAYS, 4, new SizeProbe(), new Sizes());
        }

        @Override
        protected PanelView createView() {
            throw new UnsupportedOperationException("never shown");
        }
    }

    @Test
    void readsItsProbeAndClosesItOnDispose(RedisServerProcess server, RedisConnections redis) {
        redis.sync().set("one", "1");
        redis.sync().set("two", "2");
        openWindow(server, true);
        SizePanel panel = callFx(() -> new SizePanel(window.context()));

        waitUntil("a size shown", Duration.ofSeconds(5), () -> !panel.viewModel().shown.isEmpty());
        assertThat(callFx(() -> panel.viewModel().shown.get(0))).isEqualTo(2L);
        assertThat(panel.probe.closed).isFalse();

        onFx(panel::dispose);
        assertThat(panel.probe.closed).isTrue();
        int reads = panel.probe.reads.get();
        LivePanel<?, ?, ?, ?> overview = (LivePanel<?, ?, ?, ?>) window.panels().find(StandardPanels.OVERVIEW.id()).orElseThrow();
        long overviewShown = callFx(overview::appliedCount);
        for (int tick = 0; tick < 2; tick++) {
            long before = callFx(overview::appliedCount);
            onFx(() -> window.refreshLoop().refreshNow());
            waitUntil("another tick of the window's own panels", Duration.ofSeconds(5), () -> overview.appliedCount() > before);
        }
        assertThat(callFx(overview::appliedCount)).isGreaterThan(overviewShown);
        assertThat(panel.probe.reads.get()).isLessThanOrEqualTo(reads + 1); // a read under way at dispose may finish
    }
}
