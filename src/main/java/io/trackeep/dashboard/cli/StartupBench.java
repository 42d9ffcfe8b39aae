package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long the program takes to start, beside the least a program of its kind takes, in one run:
 * three commands of the command line against a minimal Java program that connects with Lettuce
 * and PINGs, and the window's launch to a live Overview of the local instance against a bare
 * JavaFX window's first pulse. Each row is a fresh JVM (the jar with and without its class-data
 * sharing archive, and an installed launcher when given); rounds alternate the rows so that the
 * drift of a shared machine hits all of them alike, and figures are printed as ratios to the
 * baselines of the same run. The baselines are the test sources {@code MinimalPing} and
 * {@code BareWindow}, compiled into {@code target/test-classes}; each runs on only the jars it
 * needs.
 */
@Command(name = "startup",
        mixinStandardHelpOptions = true,
        description = {"Start-up time of the commands (ratelimit list, sessions list, snapshot --json) beside a minimal Lettuce"
                + " PING program, and of the window to a live Overview of the local instance beside a bare JavaFX window;"
                + " fresh JVMs, rounds alternating the rows, printed as same-run ratios."})
final class StartupBench extends Benchmark {

    static final double COMMAND_GOAL = 1.2;
    static final double WINDOW_GOAL = 2.0;
    static final String PING_BASELINE = "minimal Lettuce PING";
    static final String WINDOW_BASELINE = "bare JavaFX window";
    static final List<List<String>> COMMANDS = List.of(List.of("ratelimit", "list"), List.of("sessions", "list"),
            List.of("snapshot", "--json"));
    /** Lettuce and the jars Lettuce itself depends on: the minimal PING program's class path. */
    static final List<String> LETTUCE_JARS = List.of("lettuce-core-", "netty-", "reactor-core-", "reactive-streams-",
            "redis-authx-core-", "slf4j-api-");
    /** The window's log lines (INFO) that mark its phases, and what the report calls them. */
    static final Map<String, String> WINDOW_PHASES = phases();
    static final String LIVE = "Overview live";
    static final String FIRST_PULSE = "First pulse";

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds over all rows (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--jar", paramLabel = "PATH",
            description = "The program's jar, with its libraries in lib/ beside it (default: the jar this runs from).")
    Path jar;

    @Option(names = "--baselines", paramLabel = "DIR",
            description = "Compiled baselines, MinimalPing and BareWindow (default: test-classes beside the jar; ./mvnw test-compile).")
    Path baselines;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "Also time an installed launcher, e.g. /opt/trackeep-redis-dashboard/bin/trackeep-redis-dashboard.")
    Path launcher;

    @Option(names = "--no-window", description = "Leave out the window rows (they need a display, or Xvfb to make one).")
    boolean noWindow;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds one start may take before it counts as failed (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || timeoutSeconds < 1) {
            throw badOption("--rounds and --timeout must be positive");
        }
        PrintWriter err = err();
        Path jarFile = jar != null ? jar.toAbsolutePath()
                : runningJar().orElseThrow(() -> badOption("Not started from the jar: give --jar target/trackeep-redis-dashboard.jar"));
        if (!Files.isRegularFile(jarFile)) {
            throw badOption("No jar at " + jarFile + " (./mvnw -DskipTests package)");
        }
        Path lib = jarFile.resolveSibling("lib");
        Path archive = archiveOf(jarFile);
        Path baselineClasses = (baselines != null ? baselines : jarFile.resolveSibling("test-classes")).toAbsolutePath();
        boolean haveBaselines = Files.isRegularFile(baselineClasses.resolve("io/trackeep/dashboard/startup/MinimalPing.class"));
        if (!haveBaselines) {
            say(err, "No baselines in " + baselineClasses + " (./mvnw test-compile): the rows are timed without ratios.");
        }
        if (!Files.isRegularFile(archive)) {
            say(err, "No class-data sharing archive " + archive + " (the build makes it): the jar is timed without it.");
        }
        Path work = Files.createTempDirectory("trackeep-startup-bench");
        try (RedisServerProcess server = RedisServerProcess.start(redisServer.options());
             VirtualDisplay display = noWindow ? null : VirtualDisplay.needed(err)) {
            seed(server, err);
            String uri = server.uriWithPassword();
            List<Row> rows = new ArrayList<>();
            if (haveBaselines) {
                rows.add(Row.baseline(Group.COMMAND, PING_BASELINE, List.of(java(), "-cp",
                        classPath(baselineClasses, lib, LETTUCE_JARS), "io.trackeep.dashboard.startup.MinimalPing", uri)));
            }
            for (List<String> command : COMMANDS) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--redis", uri));
                String name = String.join(" ", command);
                rows.add(Row.of(Group.COMMAND, name + " · java -jar", concat(List.of(java(), "-jar", jarFile.toString()), args), Map.of()));
                if (Files.isRegularFile(archive)) {
                    rows.add(Row.of(Group.COMMAND, name + " · java -jar, CDS archive", concat(List.of(java(),
                            "-XX:SharedArchiveFile=" + archive, "-jar", jarFile.toString()), args), Map.of()));
                }
                if (launcher != null) {
                    rows.add(Row.of(Group.COMMAND, name + " · launcher", concat(List.of(launcher.toString()), args), Map.of()));
                }
            }
            boolean window = !noWindow && display != null;
            if (!noWindow && display == null) {
                say(err, "No display (DISPLAY is unset and Xvfb is not installed): the window rows are left out.");
            }
            if (window) {
                if (haveBaselines) {
                    rows.add(Row.baseline(Group.WINDOW, WINDOW_BASELINE, List.of(java(), "-cp",
                            classPath(baselineClasses, lib, List.of("javafx-")), "io.trackeep.dashboard.startup.BareWindow")));
                }
                List<String> own = List.of("-Dtrackeep.log.level=INFO");
                rows.add(Row.of(Group.WINDOW, "window · java -jar", concat(concat(List.of(java()), own),
                        List.of("-jar", jarFile.toString())), Map.of()));
                if (Files.isRegularFile(archive)) {
                    rows.add(Row.of(Group.WINDOW, "window · java -jar, CDS archive", concat(concat(List.of(java(),
                            "-XX:SharedArchiveFile=" + archive), own), List.of("-jar", jarFile.toString())), Map.of()));
                }
                if (launcher != null) {
                    // a launcher takes JVM options from the environment only
                    rows.add(Row.of(Group.WINDOW, "window · launcher", List.of(launcher.toString()),
                            Map.of("JAVA_TOOL_OPTIONS", String.join(" ", own))));
                }
            }
            Runner runner = new Runner(work, display, Duration.ofSeconds(timeoutSeconds));
            say(err, "warm-up: every row once (page cache, JavaFX's native libraries) ...");
            for (Row row : rows) {
                runner.run(row);
            }
            Map<Row, List<Sample>> samples = new LinkedHashMap<>();
            rows.forEach(r -> samples.put(r, new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                say(err, "round " + round + " of " + rounds + " ...");
                for (Row row : rows) {
                    samples.get(row).add(runner.run(row));
                }
            }
            Report report = Report.of(samples);
            report(report::toJson, out -> report.print(out, rounds, Runtime.version().toString(), display == null ? null : display.name()));
        } finally {
            deleteTree(work);
        }
        return 0;
    }

    /** Some of everything the commands read: the local instance's simulator against the bench's Redis for three seconds. */
    private static void seed(RedisServerProcess server, PrintWriter err) throws InterruptedException {
        say(err, "seeding the commands' Redis with the simulator's traffic (3 s) ...");
        try (LocalInstance seeding = LocalInstance.start(LocalInstance.Options.defaults().withExternalRedis(server.settings())
                .withSimulator(SimulatorSettings.defaults()))) {
            seeding.awaitClosed(Duration.ofSeconds(3));
        }
    }

    enum Group { COMMAND, WINDOW }

    /** One way of starting: a command line, what it waits for, and whether it is the group's baseline. */
    record Row(Group group, String name, boolean baseline, List<String> command, Map<String, String> env) {
        static Row baseline(Group group, String name, List<String> command) {
            return new Row(group, name, true, command, Map.of());
        }

        static Row of(Group group, String name, List<String> command, Map<String, String> env) {
            return new Row(group, name, false, command, env);
        }
    }

    /**
     * One start: wall-clock time from spawning the process to its exit (a command) or to the line
     * that says it is up (a window), its CPU time until then where known (-1 otherwise), and for
     * the window the time of each of its phases.
     */
    record Sample(long wallMillis, long cpuMillis, Map<String, Long> phases) {
    }

    /** Starts rows as child processes and times them. */
    private record Runner(Path work, VirtualDisplay display, Duration timeout) {

        Sample run(Row row) throws IOException, InterruptedException {
            return row.group() == Group.COMMAND ? command(row) : window(row);
        }

        /** Through {@code sh -c '...; times'} where there is a shell, for the command's CPU time. */
        private Sample command(Row row) throws IOException, InterruptedException {
            boolean shell = Files.isExecutable(Path.of("/bin/sh"));
            List<String> cmd = shell ? concat(List.of("/bin/sh", "-c", "\"$@\"; s=$?; times >&2; exit $s", "sh"), row.command())
                    : row.command();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(row.env());
            long start = System.nanoTime();
            Process p = pb.start();
            String err;
            try (var in = p.getErrorStream()) {
                err = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(row.name() + " did not finish within " + timeout.toSeconds() + " s");
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(row.name() + " failed (exit " + p.exitValue() + "): " + err.strip());
            }
            return new Sample(wall, shell ? childCpuMillis(err) : -1, Map.of());
        }

        /** Until the window says it is live (or first pulsed), with fresh profiles: the first start, on the local instance. */
        private Sample window(Row row) throws IOException, InterruptedException {
            Path home = Files.createTempDirectory(work, "window");
            List<String> cmd = new ArrayList<>(row.command());
            Map<String, String> env = new LinkedHashMap<>(row.env());
            String folders = "-Dtrackeep.config.dir=" + home.resolve("config") + " -Dtrackeep.data.dir=" + home.resolve("data");
            if (env.containsKey("JAVA_TOOL_OPTIONS")) {
                env.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " " + folders);
            } else {
                cmd.addAll(1, List.of(folders.split(" ")));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            if (display != null) {
                pb.environment().put("DISPLAY", display.name());
            }
            String wanted = row.baseline() ? FIRST_PULSE : LIVE;
            long start = System.nanoTime();
            Process p = pb.start();
            Map<String, Long> phases = new LinkedHashMap<>();
            long wall = -1;
            long cpu = -1;
            StringBuilder log = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                Thread watchdog = watchdog(p, timeout);
                String line;
                while ((line = r.readLine()) != null) {
                    long at = (System.nanoTime() - start) / 1_000_000;
                    if (log.length() < 20_000) {
                        log.append(line).append('\n');
                    }
                    phaseOf(line).ifPresent(phase -> phases.putIfAbsent(phase, at));
                    if (line.contains(wanted)) {
                        wall = at;
                        cpu = p.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                        break;
                    }
                }
                watchdog.interrupt();
                p.destroy(); // SIGTERM: the window's shutdown stops its local instance
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            deleteTree(home);
            if (wall < 0) {
                throw new IllegalStateException(row.name() + " never said \"" + wanted + "\":\n" + log);
            }
            return new Sample(wall, cpu, phases);
        }

        private static Thread watchdog(Process p, Duration timeout) {
            Thread t = new Thread(() -> {
                try {
                    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly(); // ends the read loop
                    }
                } catch (InterruptedException done) {
                    // the start was seen
                }
            }, "startup-bench-watchdog");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    /** Which phase a line of the window's log marks, if any. */
    static Optional<String> phaseOf(String line) {
        return WINDOW_PHASES.entrySet().stream().filter(e -> line.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static Map<String, String> phases() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("redis-server started", "redis-server up");
        m.put("Connected to the local instance", "connected");
        m.put("Local instance ready", "HTTP API up");
        m.put(LIVE, "Overview live");
        return m;
    }

    /**
     * The CPU time of the shell's children from the last two lines {@code times} printed
     * ({@code 0m0.001s 0m0.000s} for the shell, then user and system time of its children), or -1.
     */
    static long childCpuMillis(String stderr) {
        List<String> lines = stderr.strip().lines().toList();
        if (lines.isEmpty()) {
            return -1;
        }
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        if (f.length != 2) {
            return -1;
        }
        try {
            return Math.round((seconds(f[0]) + seconds(f[1])) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code 1m2.345s} (and {@code 2.345s}) in seconds. */
    private static double seconds(String time) {
        String t = time.endsWith("s") ? time.substring(0, time.length() - 1) : time;
        int m = t.indexOf('m');
        return m < 0 ? Double.parseDouble(t) : Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1));
    }

    /** {@code dir} and the jars in {@code lib} whose names start with one of {@code prefixes}, sorted. */
    static String classPath(Path dir, Path lib, List<String> prefixes) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(dir.toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(j -> j.toString().endsWith(".jar"))
                    .filter(j -> prefixes.stream().anyMatch(p -> j.getFileName().toString().startsWith(p)))
                    .sorted().forEach(j -> entries.add(j.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The jar's class-data sharing archive: beside it, {@code .jsa} for {@code .jar}. */
    static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
    }

    private static Optional<Path> runningJar() {
        try {
            Path p = Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void say(PrintWriter err, String what) {
        err.println(what);
        err.flush();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: what is left is the system's to clean
        }
    }

    /** Medians per row, ratios to the group's baseline, the goals. */
    record Report(List<RowResult> rows) {

        record RowResult(Group group, String name, boolean baseline, List<Sample> samples, long medianWall, long medianCpu,
                         Double ratio, Double cpuRatio, Map<String, Long> medianPhases) {
            /** Whether the row meets the goal of its group (null: a baseline, or no baseline to compare with). */
            Boolean met() {
                if (baseline || ratio == null) {
                    return null;
                }
                return ratio <= (group == Group.COMMAND ? COMMAND_GOAL : WINDOW_GOAL);
            }
        }

        static Report of(Map<Row, List<Sample>> samples) {
            Map<Group, Long> baselineWall = new LinkedHashMap<>();
            Map<Group, Long> baselineCpu = new LinkedHashMap<>();
            samples.forEach((row, s) -> {
                if (row.baseline()) {
                    baselineWall.put(row.group(), median(s.stream().map(Sample::wallMillis).toList()));
                    baselineCpu.put(row.group(), median(s.stream().map(Sample::cpuMillis).toList()));
                }
            });
            List<RowResult> rows = new ArrayList<>();
            samples.forEach((row, s) -> {
                long wall = median(s.stream().map(Sample::wallMillis).toList());
                long cpu = median(s.stream().map(Sample::cpuMillis).toList());
                Long base = baselineWall.get(row.group());
                Long baseCpu = baselineCpu.get(row.group());
                Map<String, Long> phases = new LinkedHashMap<>();
                for (String phase : WINDOW_PHASES.values()) {
                    List<Long> at = s.stream().map(x -> x.phases().get(phase)).filter(v -> v != null).toList();
                    if (at.size() == s.size() && !at.isEmpty()) {
                        phases.put(phase, median(at));
                    }
                }
                rows.add(new RowResult(row.group(), row.name(), row.baseline(), List.copyOf(s), wall, cpu,
                        base == null || base <= 0 ? null : (double) wall / base,
                        baseCpu == null || baseCpu <= 0 || cpu < 0 ? null : (double) cpu / baseCpu, phases));
            });
            return new Report(rows);
        }

        static long median(List<Long> values) {
            if (values.isEmpty() || values.contains(-1L)) {
                return -1;
            }
            List<Long> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        void print(PrintWriter out, int rounds, String jdk, String display) {
            double load = loadAverage();
            out.printf(Locale.ROOT, "Start-up, %d round(s) of fresh JVMs (JDK %s%s%s); medians, ratios to the baseline of the same run%n",
                    rounds, jdk, display == null ? "" : ", window on display " + display,
                    load < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f at the end", load));
            Group last = null;
            for (RowResult r : rows) {
                if (r.group() != last) {
                    last = r.group();
                    out.println();
                    out.println(r.group() == Group.COMMAND
                            ? "Command line: spawn to exit (goal: ≤ " + COMMAND_GOAL + " × " + PING_BASELINE + ")"
                            : "Window: spawn to a live Overview of the local instance (goal: ≤ " + WINDOW_GOAL + " × " + WINDOW_BASELINE
                                    + "'s first pulse)");
                    out.printf(Locale.ROOT, "  %-42s %8s %7s %8s %7s   %s%n", "", "wall ms", "ratio", "CPU ms", "ratio", "rounds (wall ms)");
                }
                out.printf(Locale.ROOT, "  %-42s %8d %7s %8s %7s   %s%s%n", r.name(), r.medianWall(),
                        r.baseline() ? "1.00" : ratio(r.ratio()), r.medianCpu() < 0 ? "-" : Long.toString(r.medianCpu()),
                        r.baseline() && r.medianCpu() >= 0 ? "1.00" : ratio(r.cpuRatio()),
                        r.samples().stream().map(s -> Long.toString(s.wallMillis())).reduce((a, b) -> a + " " + b).orElse(""),
                        r.met() == null ? "" : r.met() ? "   met" : "   MISSED");
                if (!r.medianPhases().isEmpty()) {
                    StringBuilder phases = new StringBuilder();
                    r.medianPhases().forEach((phase, at) -> phases.append(phases.isEmpty() ? "" : ", ").append(phase).append(" ").append(at));
                    out.printf(Locale.ROOT, "  %-42s %s (ms after spawn)%n", "", phases);
                }
            }
        }

        private static String ratio(Double r) {
            return r == null ? "-" : String.format(Locale.ROOT, "%.2f", r);
        }

        private static double loadAverage() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        Map<String, Object> toJson() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (RowResult r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("group", r.group().name().toLowerCase(Locale.ROOT));
                m.put("name", r.name());
                m.put("baseline", r.baseline());
                m.put("wall_ms", r.medianWall());
                m.put("cpu_ms", r.medianCpu());
                m.put("ratio", r.baseline() ? Double.valueOf(1.0) : r.ratio());
                m.put("cpu_ratio", r.cpuRatio());
                m.put("met", r.met());
                m.put("rounds_wall_ms", r.samples().stream().map(Sample::wallMillis).toList());
                m.put("rounds_cpu_ms", r.samples().stream().map(Sample::cpuMillis).toList());
                if (!r.medianPhases().isEmpty()) {
                    m.put("phases_ms", r.medianPhases());
                }
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("command_goal", COMMAND_GOAL);
            root.put("window_goal", WINDOW_GOAL);
            root.put("load_average", loadAverage());
            root.put("rows", list);
            return root;
        }
    }

    /**
     * The display the window rows open on: {@code DISPLAY} when set, else a virtual one (Xvfb)
     * for the run; null when there is neither.
     */
    static final class VirtualDisplay implements AutoCloseable {

        private final String name;
        private final Process xvfb;

        private VirtualDisplay(String name, Process xvfb) {
            this.name = name;
            this.xvfb = xvfb;
        }

        static VirtualDisplay needed(PrintWriter err) throws IOException, InterruptedException {
            String current = System.getenv("DISPLAY");
            if (current != null && !current.isBlank()) {
                return new VirtualDisplay(current, null);
            }
            Optional<Path> binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .filter(d -> !d.isBlank()).map(d -> Path.of(d, "Xvfb")).filter(Files::isExecutable).findFirst();
            if (binary.isEmpty()) {
                return null;
            }
            for (int n = 90; n < 200; n++) {
                Path socket = Path.of("/tmp/.X11-unix/X" + n);
                if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                    continue;
                }
                Process p = new ProcessBuilder(binary.get().toString(), ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (p.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                    Thread.sleep(20); // Xvfb has no other way of saying it is ready
                }
                if (p.isAlive() && Files.exists(socket)) {
                    say(err, "window rows on a virtual display (Xvfb :" + n + ")");
                    return new VirtualDisplay(":" + n, p);
                }
                p.destroyForcibly();
            }
            return null;
        }

        String name() { return name; }

        @Override
        public void close() {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }
}
