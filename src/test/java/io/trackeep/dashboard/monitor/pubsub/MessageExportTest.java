package io.trackeep.dashboard.monitor.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageExportTest {

    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectPerMessageWithThePayloadAsReceived() throws Exception {
        MessageStream stream = new MessageStream(10, Long.MAX_VALUE);
        Instant at = Instant.parse("2026-03-01T12:00:00.123Z");
        stream.onMessage(new PubSubMessage("tk:messages:7", "tk:messages:*", "{\"body\":\"hi\"}", at));
        stream.onMessage(new PubSubMessage("tk:admin:events", null, "not json\nat all", at));
        stream.onMessage(new PubSubMessage("tk:x", null, "y".repeat(MessageStream.MAX_PAYLOAD_CHARS + 1), at));
        Path file = dir.resolve("out/stream.jsonl");

        int written = MessageExport.writeJsonLines(stream.buffered(), file, p -> p);

        assertThat(written).isEqualTo(3);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        JsonNode first = Json.tree(lines.get(0));
        assertThat(first.get("sequence").asLong()).isEqualTo(1);
        assertThat(first.get("receivedAt").asText()).isEqualTo("2026-03-01T12:00:00.123Z");
        assertThat(first.get("channel").asText()).isEqualTo("tk:messages:7");
        assertThat(first.get("pattern").asText()).isEqualTo("tk:messages:*");
        assertThat(first.get("payload").asText()).isEqualTo("{\"body\":\"hi\"}");
        assertThat(first.has("truncated")).isFalse();
        JsonNode second = Json.tree(lines.get(1));
        assertThat(second.has("pattern")).isFalse();
        assertThat(second.get("payload").asText()).isEqualTo("not json\nat all");
        JsonNode third = Json.tree(lines.get(2));
        assertThat(third.get("truncated").asBoolean()).isTrue();
        assertThat(third.get("payloadLength").asInt()).isEqualTo(MessageStream.MAX_PAYLOAD_CHARS + 1);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no partial file left").containsExactly(file);
        }
    }
}
