package io.trackeep.dashboard.ui.server;

/** One INFO field as the Server panel lists it. */
public record InfoField(String section, String name, String value) {
}
