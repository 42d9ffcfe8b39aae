package io.trackeep.dashboard.service.json;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void aByteThatIsNotUtf8StaysExactAsAnEscapeInsteadOfBecomingAQuestionMark() {
        String json = Json.write(Map.of("member", "gen\uDCE9ral"));
        assertThat(json).isEqualTo("{\"member\":\"gen\\udce9ral\"}");
        assertThat(Json.tree(json).get("member").asText()).isEqualTo("gen\uDCE9ral");
    }

    @Test
    void charactersBeyondTheBasicPlaneAndControlsReadBackUnchanged() {
        String value = "ok \uD83D\uDE00 général \u001b]0;title\u0007\nnext";
        String json = Json.write(Map.of("v", value));
        assertThat(json).doesNotContain("\u001b", "\n").contains("général");
        assertThat(Json.tree(json).get("v").asText()).isEqualTo(value);
        assertThat(Json.tree(Json.writePretty(Map.of("v", value))).get("v").asText()).isEqualTo(value);
    }

    @Test
    void whatATerminalWouldObeyIsEscapedAndReadsBackExactly() {
        String value = "del\u007f csi\u009b2J rlo\u202Eexe ls\u2028";
        String json = Json.write(Map.of("v", value));
        assertThat(json).isEqualTo("{\"v\":\"del\\u007F csi\\u009b2J rlo\\u202eexe ls\\u2028\"}");
        assertThat(Json.tree(json).get("v").asText()).isEqualTo(value);
    }
}
