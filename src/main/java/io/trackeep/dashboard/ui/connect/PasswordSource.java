package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.service.profile.ConnectionProfile;

import java.util.Optional;

/** Asks the user for a profile's password at connect time (FX thread, modal). */
@FunctionalInterface
public interface PasswordSource {

    /**
     * @param problem  why a saved password could not be used, or null
     * @param stayOn   the profile the window stays on until the user connects (and after a cancel), or null
     * @return the entry, or empty when the user cancelled
     */
    Optional<PasswordEntry> ask(ConnectionProfile profile, String problem, ConnectionProfile stayOn);
}
