package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @Test
    void terminalControlSequencesAndNewlinesAreShownEscapedOnOneLine() {
        String hostile = "eve\u001b]8;;http://evil\u0007click\u001b]8;;\u0007\n2026-01-01 admin\r\u009b2J\u0000";
        String shown = Printable.text(hostile);
        assertThat(shown).isEqualTo("eve\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07\\n2026-01-01 admin\\r\\u009b2J\\x00");
        assertThat(shown.chars()).allMatch(c -> c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F));
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsHexAndBidiOverridesAsCodePoints() {
        assertThat(Printable.text("gen\uDCE9ral")).isEqualTo("gen\\xe9ral");
        assertThat(Printable.text("user\u202Egnp.exe")).isEqualTo("user\\u202egnp.exe");
        assertThat(Printable.text("a\\b")).isEqualTo("a\\\\b");
    }

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String s = "tk:rl:général:user:42 日本 \uD83D\uDE00 [::1]";
        assertThat(Printable.text(s)).isSameAs(s);
        assertThat(Printable.needsEscaping(s)).isFalse();
        assertThat(Printable.text(null)).isNull();
    }

    @Test
    void whatIsShownParsesBackToTheExactString() {
        Random random = new Random(3);
        char[] alphabet = {'a', '\\', 'x', 'u', '0', 'e', '\n', '\u001b', '\u0085', '\u202E', '\uD83D', '\uDE00', '\uDCE9', '\uDC10', '\uD800', 'é'};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = sb.toString();
            assertThat(Printable.parse(Printable.text(s))).as("round trip of %s", Printable.text(s)).isEqualTo(s);
        }
    }

    @Test
    void aTypedNameWithTheEscapesOfTheOutputNamesTheExactBytes() {
        assertThat(LosslessStringCodec.encode(Printable.parse("gen\\xe9ral"))).containsExactly('g', 'e', 'n', (byte) 0xE9, 'r', 'a', 'l');
        assertThat(Printable.parse("C:\\\\temp")).isEqualTo("C:\\temp"); // as shown: the backslash doubled
        assertThat(Printable.parse("plain \\q stays")).isEqualTo("plain \\q stays");
    }

    @Test
    void aMessageQuotingAShownNameDoesNotEscapeItTwice() {
        String shown = Printable.text("\u001b]0;x\u0007 C:\\dir");
        assertThat(Printable.message("Invalid limiter: '" + shown + "'")).isEqualTo("Invalid limiter: '" + shown + "'");
        assertThat(Printable.message("raw \u001b and C:\\dir")).isEqualTo("raw \\x1b and C:\\dir");
    }
}
