package io.trackeep.dashboard.ui.dialog;

/**
 * Asks the user to confirm an action (FX thread, modal). View models take this instead of a
 * dialog so that their tests can answer without a window.
 */
@FunctionalInterface
public interface Confirmer {

    /** True only if the user explicitly chose the confirm button. */
    boolean confirm(Confirmation confirmation);
}
