package io.trackeep.dashboard.service.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys, members and values as Java strings without losing a byte: valid UTF-8 decodes as usual,
 * and each byte of an invalid sequence decodes to the lone surrogate {@code U+DC80..U+DCFF}
 * ({@code U+DC00} + the byte, Python's "surrogateescape"); encoding maps those back to the exact
 * byte. So a key or member that another program wrote in Latin-1 or as raw binary is read,
 * shown (see {@link Printable}) and acted on (DEL, ZREM, SREM) by its exact bytes, where
 * {@code StringCodec.UTF8} turned every invalid byte into U+FFFD and could never name it again.
 *
 * <p>Valid strings take the same paths as {@code StringCodec.UTF8}, plus one check: decoding
 * looks for U+FFFD in the result (free for ASCII text, which Java stores as Latin-1 and where
 * that character cannot occur) and re-decodes byte by byte only then; encoding first looks for a
 * lone surrogate (a loop the JIT removes for Latin-1 strings, whose chars cannot be surrogates)
 * and writes char by char only when there is one. A lone surrogate outside {@code U+DC80..U+DCFF} (which no decoding produces)
 * is written as {@code '?'}, as {@code StringCodec.UTF8} writes it.
 *
 * <p>Stateless and thread-safe; {@link #INSTANCE} serves every connection.
 */
public final class LosslessStringCodec implements RedisCodec<String, String>, ToByteBufEncoder<String, String> {

    public static final LosslessStringCodec INSTANCE = new LosslessStringCodec();

    /** First and last character that stands for an undecodable byte ({@code 0x80..0xFF}). */
    static final char FIRST_ESCAPE = '\uDC80';
    static final char LAST_ESCAPE = '\uDCFF';

    private static final byte[] EMPTY = new byte[0];

    private LosslessStringCodec() {
    }

    /** The string a byte sequence stands for; the inverse of {@link #encode(String)}. */
    public static String decode(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.indexOf('\uFFFD') < 0 ? s : decodeEscaping(bytes, 0, bytes.length);
    }

    /** The exact bytes a string stands for; the inverse of {@link #decode(byte[])}. */
    public static byte[] encode(String s) {
        ByteBuffer b = encodeToBuffer(s);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** Whether the string holds a character that stands for an undecodable byte. */
    public static boolean hasEscapedBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE && !pairedLow(s, i)) {
                return true;
            }
        }
        return false;
    }

    // ---- RedisCodec / ToByteBufEncoder -----------------------------------------------------

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return decodeBuffer(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return decodeBuffer(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return encodeToBuffer(key);
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return encodeToBuffer(value);
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        if (key != null) {
            write(key, target);
        }
    }

    @Override
    public void encodeValue(String value, ByteBuf target) {
        if (value != null) {
            write(value, target);
        }
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        // an escaped byte is one char and one byte: UTF-8's bound of 3 bytes per char still holds
        return keyOrValue instanceof String s ? ByteBufUtil.utf8MaxBytes(s) : 0;
    }

    // ---- decoding --------------------------------------------------------------------------

    private static String decodeBuffer(ByteBuffer bytes) {
        // as StringCodec.UTF8 decodes (Netty copies a direct buffer into a reused array first)
        String s = Unpooled.wrappedBuffer(bytes).toString(StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        ByteBuffer b = bytes.duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return decodeEscaping(copy, 0, copy.length);
    }

    /**
     * Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF, as Java's decoder);
     * a byte that does not start a valid sequence becomes U+DC00 + byte and decoding resumes at
     * the next byte.
     */
    static String decodeEscaping(byte[] b, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int length;
            int cp;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                cp = lead & 0x1F;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                cp = lead & 0x0F;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                cp = lead & 0x07;
                min = 0x10000;
            } else {
                out.append((char) (0xDC00 + lead));
                i++;
                continue;
            }
            boolean valid = i + length <= to;
            for (int k = 1; valid && k < length; k++) {
                int c = b[i + k] & 0xFF;
                valid = (c & 0xC0) == 0x80;
                cp = (cp << 6) | (c & 0x3F);
            }
            valid = valid && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
            if (valid) {
                out.appendCodePoint(cp);
                i += length;
            } else {
                out.append((char) (0xDC00 + lead));
                i++;
            }
        }
        return out.toString();
    }

    // ---- encoding --------------------------------------------------------------------------

    /** As {@code StringCodec} does: a buffer of the largest size the string can take, trimmed by its limit. */
    private static ByteBuffer encodeToBuffer(String s) {
        if (s == null) {
            return ByteBuffer.wrap(EMPTY);
        }
        ByteBuffer buffer = ByteBuffer.allocate(ByteBufUtil.utf8MaxBytes(s));
        ByteBuf buf = Unpooled.wrappedBuffer(buffer);
        buf.clear();
        write(s, buf);
        buffer.limit(buf.writerIndex());
        return buffer;
    }

    private static void write(String s, ByteBuf target) {
        if (hasLoneSurrogate(s)) {
            writeEscaping(s, target);
        } else {
            ByteBufUtil.writeUtf8(target, s);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void writeEscaping(String s, ByteBuf out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.writeByte(c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.writeByte(0xF0 | (cp >> 18));
                out.writeByte(0x80 | ((cp >> 12) & 0x3F));
                out.writeByte(0x80 | ((cp >> 6) & 0x3F));
                out.writeByte(0x80 | (cp & 0x3F));
            } else if (c >= FIRST_ESCAPE && c <= LAST_ESCAPE) {
                out.writeByte(c - 0xDC00);
            } else if (Character.isSurrogate(c)) {
                out.writeByte('?');
            } else {
                out.writeByte(0xE0 | (c >> 12));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
    }

    /** Whether the low surrogate at {@code i} completes a pair with the character before it. */
    private static boolean pairedLow(String s, int i) {
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
