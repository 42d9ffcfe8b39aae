package io.trackeep.dashboard.service.health;

/**
 * A condition the Overview should point out.
 *
 * @param rule     stable id of the rule that fired (see the constants of {@link AlertRules})
 * @param severity how urgent
 * @param message  a plain sentence with the figures, for people
 */
public record Alert(String rule, Severity severity, String message) {

    public enum Severity {
        /** Worth a look: a threshold was crossed. */
        WARNING,
        /** Service is affected or about to be: act now. */
        CRITICAL
    }
}
