package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HexDigestTest {

    /** RFC 1321 and FIPS 180 test vectors; "é" is digested as its two UTF-8 bytes C3 A9 (ISO-8859-1's one byte gives 34068776...). */
    @ParameterizedTest
    @CsvSource({
            "'',  d41d8cd98f00b204e9800998ecf8427e, da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "abc, 900150983cd24fb0d6963f7d28e17f72, a9993e364706816aba3e25717850c26c9cd0d89d",
            "é,   66ddcd97cfdeabb2f6fb8a999b4bc76f, bf15be717ac1b080b4f1c456692825891ff5073d",
    })
    void digestsAreLowerCaseHexOfTheUtf8Bytes(String text, String md5, String sha1) {
        assertThat(HexDigest.md5(text)).isEqualTo(md5);
        assertThat(HexDigest.sha1(text)).isEqualTo(sha1);
    }
}
