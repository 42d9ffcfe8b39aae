package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.testing.HostileKeyspace;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that lists something, and {@code snapshot} in its three forms, against a hostile
 * keyspace ({@link HostileKeyspace}: every key family with wrong types, names that are not UTF-8
 * or carry terminal controls, infinite and huge numbers, malformed JSON, big sets): each exits as
 * on a clean keyspace, prints only printable text, and still shows the good entries; JSON stays
 * exact. Size: {@value HostileKeyspace#SIZE_PROPERTY} (default {@value HostileKeyspace#CI_SIZE}).
 */
@ExtendWith(RedisServerExtension.class)
class HostileKeyspaceCommandLineTest {

    @TempDir
    static Path config;
    private static HostileKeyspace.Written written;

    @BeforeAll
    static void useTemporaryConfig() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, config.resolve("config").toString());
        System.setProperty(ConfigFolders.DATA_DIR_PROPERTY, config.resolve("data").toString());
    }

    @AfterAll
    static void restore() {
        if (written != null) {
            written.close();
        }
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    @TestFactory
    Stream<DynamicTest> everyListCommandAndSnapshotSurviveAndShowTheGoodEntries(RedisServerProcess server) {
        written = HostileKeyspace.write(server, HostileKeyspace.configuredSize()); // once: the dynamic tests share it
        System.out.println("Hostile inputs per family: " + HostileKeyspace.summary(written) + ", " + written.inputs().size() + " in all");
        String uri = server.uriWithPassword();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(command(uri, List.of("snapshot", "--json"), json(j -> {
            assertThat(j.get("unavailable")).as("an admin reads every section").isEmpty();
            assertThat(j.get("leaderboards")).extracting(b -> b.get("id").asText()).contains(HostileKeyspace.GOOD_BOARD, "gen\uDCE9ral");
            assertThat(j.get("rateLimits")).anySatisfy(l -> {
                assertThat(l.get("limiter").asText()).isEqualTo(HostileKeyspace.GOOD_LIMITER);
                assertThat(l.get("clients").asLong()).isGreaterThan(1);
            });
            assertThat(j.get("caches")).anySatisfy(c -> assertThat(c.get("keys").asLong()).isPositive());
            assertThat(j.get("channels")).extracting(c -> c.get("channel").asText()).contains(HostileKeyspace.GOOD_CHANNEL);
            assertThat(j.get("unrecognised").get("leaderboards").asLong()).isEqualTo(3);
            assertThat(j.get("unrecognised").get("rateLimits").asLong()).isEqualTo(3);
            assertThat(j.get("unrecognised").get("caches").asLong()).as("tk:cache:NOT-A-HASH, tk:cache:user:abc").isEqualTo(2);
        })));
        tests.add(command(uri, List.of("snapshot"), text("Leaderboards", "gen\\xe9ral", "Not understood", HostileKeyspace.GOOD_CHANNEL)));
        tests.add(command(uri, List.of("snapshot", "--check"), text("TRACKEEP REDIS ")));
        tests.add(command(uri, List.of("leaderboard", "list"), text("gen\\xe9ral", "nul\\x00byte", "first\\nsecond\\r\\nthird")));
        tests.add(command(uri, List.of("leaderboard", "list", "--json"), json(j ->
                assertThat(j).extracting(b -> b.get("id").asText()).contains("7", "big", "members", "scores"))));
        tests.add(command(uri, List.of("leaderboard", "top", "--challenge", "members"), text("\"gen\\xe9ral\"", "\"\\x1b]0;pwned\\x07")));
        tests.add(command(uri, List.of("leaderboard", "top", "--challenge", "scores"), text("+inf", "-inf", "1.0E308")));
        tests.add(command(uri, List.of("leaderboard", "top", "--challenge", "gen\\xe9ral"), text("Challenge gen\\xe9ral: 1 member")));
        tests.add(command(uri, List.of("leaderboard", "top", "--challenge", "big", "--json"), json(j ->
                assertThat(j.get("size").asLong()).isEqualTo(HostileKeyspace.configuredSize()))));
        tests.add(command(uri, List.of("ratelimit", "list"), run -> {
            text(HostileKeyspace.GOOD_LIMITER, "gen\\xe9ral", "warning: ignored limit 'odd-0'").accept(run);
            assertThat(run.out()).as("a message quoting an escaped name is not escaped twice").doesNotContain("\\\\x1b");
        }));
        tests.add(command(uri, List.of("ratelimit", "list", "--json"), json(j ->
                assertThat(j).extracting(l -> l.get("limiter").asText()).contains("general", "gen\uDCE9ral"))));
        tests.add(command(uri, List.of("ratelimit", "usage", "--limiter", "general", "--client", "score-1e308"), text("unknown")));
        tests.add(command(uri, List.of("ratelimit", "usage", "--limiter", "general", "--client", HostileKeyspace.GOOD_CLIENT),
                pattern("has used 1 of 100 .* back to empty in \\d+ s\n")));
        tests.add(command(uri, List.of("ratelimit", "usage", "--limiter", "general", "--client", "big"),
                pattern("has used 100 of 100 .* back to empty in \\d+ s\n")));
        tests.add(command(uri, List.of("cache", "stats"), run -> {
            text("response", "search", "analytics").accept(run);
            assertThat(run.err()).contains("note: 2 keys named like cache keys are no cache entry");
        }));
        tests.add(command(uri, List.of("cache", "stats", "--json"), json(j -> assertThat(j).hasSize(3))));
        tests.add(command(uri, List.of("pubsub", "channels"), text(HostileKeyspace.GOOD_CHANNEL, "tk:messages:gen\\xe9ral")));
        tests.add(command(uri, List.of("pubsub", "channels", "--json"), json(j ->
                assertThat(j).extracting(c -> c.get("channel").asText()).contains(HostileKeyspace.GOOD_CHANNEL, "tk:messages:gen\uDCE9ral"))));
        tests.add(command(uri, List.of("clients", "list"), text("ADDRESS")));
        tests.add(command(uri, List.of("clients", "list", "--json"), json(j -> assertThat(j).isNotEmpty())));
        tests.add(command(uri, List.of("sessions", "list"), text("good…")));
        tests.add(command(uri, List.of("sessions", "list", "--show-ids", "--unreadable"), text("SESSION")));
        tests.add(command(uri, List.of("sessions", "list", "--show-ids", "--limit", "10000"), text("good-session")));
        tests.add(command(uri, List.of("sessions", "list", "--json"), json(j -> assertThat(j.isArray()).isTrue())));
        return tests.stream();
    }

    private static DynamicTest command(String uri, List<String> args, Consumer<CliRun> check) {
        return DynamicTest.dynamicTest(String.join(" ", args), () -> {
            List<String> all = new ArrayList<>(args);
            all.add("--redis");
            all.add(uri);
            CliRun run = CliRun.of(all.toArray(String[]::new));
            // --check judges the alerts (0 OK, 1 WARNING, 2 CRITICAL: the commands before it missed many keys); 3 would be "could not judge"
            assertThat(run.exit()).as("exit code; stderr: %s", printable(run.err()) ? run.err() : "(not printable)")
                    .isIn(args.contains("--check") ? List.of(0, 1, 2) : List.of(0));
            assertThat(printable(run.err())).as("stderr printable: %s", run.err()).isTrue();
            check.accept(run);
        });
    }

    private static Consumer<CliRun> text(String... expected) {
        return run -> {
            assertThat(printable(run.out())).as("stdout printable").isTrue();
            assertThat(run.out()).contains(expected);
        };
    }

    private static Consumer<CliRun> pattern(String regex) {
        return run -> {
            assertThat(printable(run.out())).as("stdout printable").isTrue();
            assertThat(run.out()).containsPattern(regex);
        };
    }

    private static Consumer<CliRun> json(Consumer<JsonNode> check) {
        return run -> {
            assertThat(run.out().strip().lines()).as("one line of JSON").hasSize(1);
            assertThat(printable(run.out())).as("JSON escapes every control character").isTrue();
            check.accept(Json.tree(run.out()));
        };
    }

    /** Only line breaks and characters a terminal shows as themselves: no C0/C1 control, DEL, lone surrogate, bidi control. */
    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                continue;
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
