package io.trackeep.dashboard.ui.server;

/** One configuration parameter (CONFIG GET); passwords come masked. */
public record ConfigEntry(String name, String value) {
}
