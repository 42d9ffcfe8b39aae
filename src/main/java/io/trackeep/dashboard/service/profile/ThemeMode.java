package io.trackeep.dashboard.service.profile;

/** Light or dark look of the window. */
public enum ThemeMode {
    LIGHT, DARK;

    public ThemeMode toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
