package io.trackeep.dashboard.service.session;

/**
 * One stored session as found when listing: either a readable {@link Session} or a value that is
 * not one. Listings return these so that one bad value never hides the others.
 */
public sealed interface SessionEntry {

    /** The id from the key name ({@code P:session:<sid>}), which is authoritative. */
    String sessionId();

    record Valid(String sessionId, Session session) implements SessionEntry {
    }

    /**
     * @param reason  why it could not be read, for people
     * @param excerpt the start of the stored value (at most {@value #EXCERPT_CHARS} characters)
     */
    record Malformed(String sessionId, String reason, String excerpt) implements SessionEntry {

        public static final int EXCERPT_CHARS = 200;

        public Malformed {
            excerpt = excerpt != null && excerpt.length() > EXCERPT_CHARS ? excerpt.substring(0, EXCERPT_CHARS) : excerpt;
        }
    }
}
