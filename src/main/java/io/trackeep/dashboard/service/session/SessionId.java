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

    /** The first four characters and an ellipsis: enough to tell sessions apart, useless to an attacker. */
    public static String mask(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return "(none)";
        }
        return sessionId.length() <= 8 ? "****" : sessionId.substring(0, 4) + "…";
    }
}
