package io.trackeep.dashboard.ui.format;

import io.trackeep.dashboard.service.redis.Printable;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.StringJoiner;

/**
 * Text read from Redis as the window shows it: through {@link Printable#text}, so a name, member
 * or value with control characters, a newline or bytes that are not UTF-8 takes one line of
 * visible characters in a cell or label ({@code gen\xe9ral}, {@code a\nb}), and the same
 * spelling as on the command line. Every table column of such strings uses {@link #cells()}.
 */
public final class Shown {

    private Shown() {
    }

    /** One printable line for a value from Redis; null stays null. */
    public static String text(String fromRedis) {
        return Printable.text(fromRedis);
    }

    /**
     * One line of prose that quotes values from Redis (a question, an effect, a title): printable
     * ({@link Printable#message}, backslashes kept), spelled as the command line prints the same
     * sentence. A line break inside it is escaped: it can only have come from a quoted value.
     */
    public static String message(String prose) {
        return Printable.message(prose);
    }

    /**
     * Prose of one or more lines that may quote values from Redis (a message with a hint below
     * it, a JSON document): each line printable ({@link Printable#message}, backslashes kept),
     * the line breaks kept.
     */
    public static String lines(String text) {
        if (text == null) {
            return null;
        }
        StringJoiner out = new StringJoiner("\n");
        for (String line : text.split("\r?\n", -1)) {
            out.add(Printable.message(line));
        }
        return out.toString();
    }

    /** A cell factory for a column of strings from Redis. */
    public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> cells() {
        return column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text(item));
            }
        };
    }
}
