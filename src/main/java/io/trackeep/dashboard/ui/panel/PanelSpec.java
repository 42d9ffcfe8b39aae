package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.scene.input.KeyCombination;

import java.util.Objects;

/**
 * What the navigation knows of a panel before it is built.
 *
 * @param id          stable lower-case id
 * @param title       name in the navigation and the header
 * @param glyph       icon
 * @param accelerator shortcut, or null
 * @param purpose     one line under the title: what the panel shows and lets the admin do
 * @param subject     what the panel shows, for the empty state "Connect to a Redis to see {subject}."
 */
public record PanelSpec(String id, String title, Glyph glyph, KeyCombination accelerator, String purpose, String subject) {

    public PanelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(glyph, "glyph");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("Panel id must be lower-case letters, digits and '-': " + id);
        }
    }
}
