package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PanelRegistryTest {

    private record Fake(PanelSpec spec) implements Panel {
        Fake(String id, KeyCombination accelerator) {
            this(new PanelSpec(id, id, Glyph.INFO, accelerator, "a test panel", "test figures"));
        }

        @Override
        public Node node() {
            throw new UnsupportedOperationException("not needed");
        }
    }

    @Test
    void standardSpecsAreTheNinePanelsWithCtrl1To9() {
        assertThat(StandardPanels.ALL).extracting(PanelSpec::id)
                .containsExactly("overview", "sessions", "rate-limits", "caches", "leaderboards", "pubsub", "server", "topology",
                        "audit");
        for (int i = 0; i < StandardPanels.ALL.size(); i++) {
            assertThat(StandardPanels.ALL.get(i).accelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
        }
    }

    @Test
    void idsAndShortcutsAreUnique() {
        KeyCombination k1 = KeyCombination.keyCombination("Shortcut+1");
        PanelRegistry r = new PanelRegistry().add(new Fake("a", k1)).add(new Fake("b", null));
        assertThatThrownBy(() -> r.add(new Fake("a", null))).hasMessageContaining("id a");
        assertThatThrownBy(() -> r.add(new Fake("c", k1))).hasMessageContaining("already used");
        assertThat(r.panels()).extracting(Panel::id).containsExactly("a", "b");
    }

    @Test
    void specIdsAreLowerCase() {
        assertThatThrownBy(() -> new PanelSpec("Bad Id", "t", Glyph.INFO, null, "p", "s")).hasMessageContaining("lower-case");
    }
}
