package io.trackeep.dashboard.service.pubsub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Session ids are bearer credentials: masked wherever a payload shows one, and nothing else changes. */
class SessionIdsInPayloadsTest {

    private static final String SID = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFi";

    @Test
    void theTargetOfASessionKilledEventIsMasked() {
        String event = "{\"type\":\"session.killed\",\"target\":\"" + SID + "\",\"actor\":\"ann@ws1\",\"details\":{\"user_id\":42}}";
        String shown = SessionIdsInPayloads.mask(event);
        assertThat(shown).doesNotContain(SID).contains("\"target\":\"Zm9v…\"", "\"user_id\":42", "ann@ws1");
    }

    @Test
    void fieldsNamedLikeSessionIdsAndSessionKeysAreMaskedAtAnyDepth() {
        String payload = "{\"session_id\":\"" + SID + "\",\"nested\":[{\"sessionId\":\"" + SID + "\"},\"tk:session:" + SID + "\"],"
                + "\"note\":\"cache key tk:cache:abc\"}";
        String shown = SessionIdsInPayloads.mask(payload);
        assertThat(shown).doesNotContain(SID).contains("tk:session:Zm9v…", "tk:cache:abc");
        assertThat(SessionIdsInPayloads.maskPretty(payload)).get().asString().doesNotContain(SID).contains("\n");
    }

    @Test
    void otherEventsAndTextKeepTheirTargetsAndTextGetsTheSameCare() {
        String cacheEvent = "{\"type\":\"cache.invalidated\",\"target\":\"tk:cache:0123456789abcdef\"}";
        assertThat(SessionIdsInPayloads.mask(cacheEvent)).isEqualTo(cacheEvent);
        assertThat(SessionIdsInPayloads.mask("logout session_id=" + SID + " done")).isEqualTo("logout session_id=Zm9v… done");
        assertThat(SessionIdsInPayloads.mask("plain text")).isEqualTo("plain text");
    }
}
