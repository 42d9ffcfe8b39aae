package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes buffered messages as JSON lines, one object per message:
 * {@code {"sequence":1,"receivedAt":"2026-...Z","channel":"tk:messages:7","pattern":"tk:messages:*","payload":"{...}"}}
 * with the payload as received, or as the panel shows it (session ids masked), plus {@code "truncated":true} and
 * {@code "payloadLength"} where the buffer kept only its beginning. The file is written beside
 * the target and moved into place, so a failed export never leaves half a file. Blocking: not on
 * the FX thread.
 */
public final class MessageExport {

    private MessageExport() {
    }

    /** Writes the messages, each payload as {@code payload} makes it, and returns how many. */
    public static int writeJsonLines(List<StreamMessage> messages, Path file, UnaryOperator<String> payload) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, ".export-", ".part");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (StreamMessage m : messages) {
                    out.write(Json.write(line(m, payload)));
                    out.write('\n');
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            return messages.size();
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Map<String, Object> line(StreamMessage m, UnaryOperator<String> payload) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sequence", m.sequence());
        line.put("receivedAt", m.receivedAt().toString());
        line.put("channel", m.channel());
        if (m.pattern() != null) {
            line.put("pattern", m.pattern());
        }
        line.put("payload", payload.apply(m.payload()));
        if (m.truncated()) {
            line.put("truncated", true);
            line.put("payloadLength", m.payloadLength());
        }
        return line;
    }
}
