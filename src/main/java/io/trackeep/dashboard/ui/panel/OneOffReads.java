package io.trackeep.dashboard.ui.panel;

import java.util.function.Consumer;

/**
 * How a view model reads Redis once (a lookup): off the FX thread, on the window's current
 * connection, the answer back on the FX thread only while the window is still on that
 * connection. The window's implementation is {@link PanelContext#readOnce}; view-model tests run
 * reads inline.
 */
public interface OneOffReads {

    <T> void readOnce(String what, PanelFeed.Read<T> read, Consumer<? super T> onResult, Consumer<Throwable> onFailure);
}
