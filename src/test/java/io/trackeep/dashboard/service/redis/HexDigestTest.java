package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HexDigestTest {

    @Test
    void digestsAreLowerCaseHexOfTheUtf8Bytes() {
        // RFC 1321 and FIPS 180 test vectors
        assertThat(HexDigest.md5("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(HexDigest.md5("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(HexDigest.sha1("abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        // "é" is digested as its two UTF-8 bytes C3 A9 (its one ISO-8859-1 byte gives 34068776...)
        assertThat(HexDigest.md5("é")).isEqualTo("66ddcd97cfdeabb2f6fb8a999b4bc76f");
    }
}
