package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.http.Route.SessionMode;
import io.trackeep.dashboard.service.json.GoTime;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.session.Session;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Chat messages and notifications, published on {@code P:messages:<conversationId>} and
 * {@code P:notifications:<uid>}. Pub/sub keeps nothing: the answer says how many subscribers
 * received the message, and 0 is not an error.
 */
final class MessageRoutes {

    static final int MAX_TEXT = 10_000;

    private final MessagePublisher publisher;
    private final KeySchema keys;
    private final Clock clock;

    MessageRoutes(MessagePublisher publisher, KeySchema keys, Clock clock) {
        this.publisher = publisher;
        this.keys = keys;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/conversations/{id}/messages", "general", SessionMode.OPTIONAL, this::chat),
                new Route("POST", "/api/users/{id}/notifications", "general", SessionMode.NONE, this::notify));
    }

    /** A chat message as published. */
    record ChatMessage(@JsonProperty("id") String id, @JsonProperty("conversation_id") String conversationId,
                       @JsonProperty("sender_id") long senderId, @JsonProperty("content") String content,
                       @JsonProperty("created_at") String createdAt) {
    }

    /** A notification as published. */
    record Notification(@JsonProperty("id") String id, @JsonProperty("user_id") long userId, @JsonProperty("type") String type,
                        @JsonProperty("title") String title, @JsonProperty("message") String message,
                        @JsonProperty("created_at") String createdAt) {
    }

    /** The answer to a publish. */
    record Published(@JsonProperty("channel") String channel, @JsonProperty("receivers") long receivers,
                     @JsonProperty("payload") Object payload) {
    }

    /** The sender is the session's user when one is given, else {@code sender_id} from the body. */
    private ApiResponse chat(ApiRequest request) {
        String conversationId = RequestParams.id(request, "id");
        JsonNode body = request.jsonObject();
        String content = JsonFields.text(body, "content", MAX_TEXT);
        long sender = request.session().map(Session::userId)
                .or(() -> JsonFields.optionalUserId(body, "sender_id"))
                .orElseThrow(() -> ApiException.badRequest("Field 'sender_id' is required without a valid X-Session-ID"));
        ChatMessage message = new ChatMessage(UUID.randomUUID().toString(), conversationId, sender, content, now());
        long receivers = publisher.publishChatMessage(conversationId, message);
        return ApiResponse.json(201, new Published(keys.messagesChannel(conversationId), receivers, message));
    }

    private ApiResponse notify(ApiRequest request) {
        long userId = RequestParams.userId(request, "id");
        JsonNode body = request.jsonObject();
        String text = JsonFields.text(body, "message", MAX_TEXT);
        String title = JsonFields.optionalText(body, "title", 200).orElse("");
        String type = JsonFields.optionalText(body, "type", 50).filter(t -> !t.isBlank()).orElse("info");
        Notification notification = new Notification(UUID.randomUUID().toString(), userId, type, title, text, now());
        long receivers = publisher.publishNotification(userId, notification);
        return ApiResponse.json(201, new Published(keys.notificationsChannel(userId), receivers, notification));
    }

    private String now() {
        return GoTime.format(OffsetDateTime.now(clock));
    }
}
