package io.trackeep.dashboard.service.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Reads the stored alert thresholds, falling back to {@link AlertThresholds#DEFAULTS} when they
 * are out of range or malformed: a bad threshold in a hand-edited file would otherwise make the
 * whole profiles file unreadable.
 */
final class LenientAlertThresholds extends JsonDeserializer<AlertThresholds> {

    private static final Logger log = LoggerFactory.getLogger(LenientAlertThresholds.class);

    @Override
    public AlertThresholds deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode node = parser.readValueAsTree();
        try {
            return Json.mapper().treeToValue(node, AlertThresholds.class);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Stored alert thresholds are not usable, using the defaults: {}", e.getMessage());
            return AlertThresholds.DEFAULTS;
        }
    }
}
