package io.trackeep.dashboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Asks before a destructive command, unless {@code --yes}. Without a terminal to ask (scripts, CI)
 * and without {@code --yes}, the answer is no: a script must say yes explicitly.
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * @param question the exact effect, e.g. "Kill 3 sessions of user 42 (ann)?"
     * @return true when the user agreed or {@code yes} was given
     */
    static boolean confirm(String question, boolean yes, PrintWriter err) {
        if (yes) {
            return true;
        }
        if (System.console() == null) {
            err.println(question + " Refused: no terminal to confirm on; pass --yes to confirm.");
            return false;
        }
        err.print(question + " [y/N] ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
