package io.trackeep.dashboard.service.redis;

/**
 * Text from Redis made safe to print on a terminal or show in a table cell: every name, member
 * and value that the command line prints as text and the window shows goes through
 * {@link #text} (JSON output does not: JSON escapes are exact already).
 *
 * <p>{@link #text} gives one line of printable characters: a byte that is not UTF-8 (a lone
 * surrogate of {@link LosslessStringCodec}) as {@code \xNN}; control characters, which a terminal
 * would obey (ESC and OSC sequences, a newline that forges a row), as {@code \n}, {@code \r},
 * {@code \t} or {@code \xNN} (C1 controls as a backslash, {@code u} and four hex digits); characters that reorder or break
 * the line (bidirectional overrides, line and paragraph separators) in that same form; and the
 * backslash itself as {@code \\}, so what is shown names exactly one string: {@link #parse}
 * reads it back, so a name copied from the output can be typed into a command.
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /** One printable line standing for {@code s} (null stays null); {@code s} itself when nothing needs escaping. */
    public static String text(String s) {
        return escaped(s, true);
    }

    /**
     * As {@link #text}, but a backslash stays one backslash: for prose that quotes values (an
     * error message, a JSON document shown to be read), which nobody parses back.
     */
    public static String message(String s) {
        return escaped(s, false);
    }

    private static String escaped(String s, boolean backslash) {
        if (s == null) {
            return null;
        }
        int first = firstToEscape(s, backslash);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i)); // a valid pair: one character beyond U+FFFF
            } else if (!needsEscape(c, backslash)) {
                out.append(c);
            } else {
                escape(c, out);
            }
        }
        return out.toString();
    }

    /**
     * The string that {@link #text} showed as {@code shown}: {@code \\}, {@code \n}, {@code \r},
     * {@code \t}, {@code \xNN} (a byte: {@code \xe9} is the byte 0xE9, not "é") and
     * backslash-u with four hex digits (one UTF-16 char); any other backslash is kept as typed.
     */
    public static String parse(String shown) {
        if (shown == null || shown.indexOf('\\') < 0) {
            return shown;
        }
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c != '\\' || i + 1 >= shown.length()) {
                out.append(c);
                continue;
            }
            char e = shown.charAt(i + 1);
            switch (e) {
                case '\\' -> { out.append('\\'); i++; }
                case 'n' -> { out.append('\n'); i++; }
                case 'r' -> { out.append('\r'); i++; }
                case 't' -> { out.append('\t'); i++; }
                case 'x' -> {
                    int b = hex(shown, i + 2, 2);
                    if (b < 0) {
                        out.append(c);
                    } else {
                        out.append((char) (b < 0x80 ? b : 0xDC00 + b));
                        i += 3;
                    }
                }
                case 'u' -> {
                    int u = hex(shown, i + 2, 4);
                    if (u < 0) {
                        out.append(c);
                    } else {
                        out.append((char) u);
                        i += 5;
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #text} changes {@code s}. */
    public static boolean needsEscaping(String s) {
        return s != null && firstToEscape(s, true) >= 0;
    }

    private static int firstToEscape(String s, boolean backslash) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c, backslash)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    /** Escaped unless part of a valid surrogate pair, which {@link #text} checks around it. */
    private static boolean needsEscape(char c, boolean backslash) {
        if (c < 0x20 || (backslash && c == '\\') || c == 0x7F) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return c <= 0x9F                                 // C1 controls (0x9B is CSI for some terminals)
                || Character.isSurrogate(c)
                || c == 0x061C || c == 0x200E || c == 0x200F // bidirectional marks
                || (c >= 0x202A && c <= 0x202E)          // embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069)          // isolates
                || c == 0x2028 || c == 0x2029;           // line and paragraph separators
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x80) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else if (c >= LosslessStringCodec.FIRST_ESCAPE && c <= LosslessStringCodec.LAST_ESCAPE) {
                    int b = c - 0xDC00;
                    out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
                } else {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                }
            }
        }
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
