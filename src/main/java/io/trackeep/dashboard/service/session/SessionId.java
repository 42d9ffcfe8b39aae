package io.trackeep.dashboard.service.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: bearer credentials, so random enough to be unguessable and masked wherever shown. */
public final class SessionId {

    /** 192 bits; 32 characters of base64url. */
    private static final int BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionId() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * True when {@code id} is what {@link #mask} prints rather than a session id (it ends with an
     * ellipsis, typed or pasted, or is all stars): it cannot name a session.
     */
    public static boolean isMasked(String id) {
        return id != null && (id.endsWith("…") || id.endsWith("...") || id.equals("****") || id.equals("(none)"));
    }

    /** The first four characters and an ellipsis: enough to tell sessions apart, useless to an attacker. */
    public static String mask(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return "(none)";
        }
        return sessionId.length() <= 8 ? "****" : sessionId.substring(0, 4) + "…";
    }
}
