package io.trackeep.dashboard.service.pubsub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPayloadTest {

    @Test
    void exactlyOneJsonValueIsJson() {
        assertThat(JsonPayload.parse("{\"a\":1}")).isPresent();
        assertThat(JsonPayload.parse("[1, 2]")).isPresent();
        assertThat(JsonPayload.parse("42")).isPresent();
        assertThat(JsonPayload.parse("\"text\"")).isPresent();
        assertThat(JsonPayload.parse("  {\"a\":1}\n")).isPresent();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(JsonPayload.parse("{\"a\":1} trailing")).isEmpty();
        assertThat(JsonPayload.parse("{\"a\":1}{\"b\":2}")).isEmpty();
        assertThat(JsonPayload.parse("hello")).isEmpty();
        assertThat(JsonPayload.parse("{\"a\":")).isEmpty();
        assertThat(JsonPayload.parse("")).isEmpty();
        assertThat(JsonPayload.parse(null)).isEmpty();
    }

    @Test
    void requireSaysWhereItBroke() {
        assertThatThrownBy(() -> JsonPayload.require("{\n\"a\": nope}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The payload is not valid JSON: ")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> JsonPayload.require(" ")).hasMessage("The payload is empty, not JSON");
    }

    @Test
    void prettyIndents() {
        assertThat(JsonPayload.pretty("{\"a\":{\"b\":[1,2]}}")).contains("{\n  \"a\" : {\n    \"b\" : [ 1, 2 ]\n  }\n}");
        assertThat(JsonPayload.pretty("not json")).isEmpty();
    }
}
