package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free loopback port with a random password: the
 * binary shipped inside {@code com.github.codemonstur:embedded-redis}, or the one named by
 * {@code REDIS_SERVER} / {@link Options#binary()} ({@link RedisServerBinary}).
 *
 * <p>The configuration (with the password) goes to the server on its standard input, so the
 * password appears neither on the command line nor in a file. The server runs in a private
 * temporary folder (the extracted binary and, without a data folder, its working directory) that
 * is deleted on {@link #close()}. A JVM shutdown hook stops the process on exit paths that skip
 * {@code close()}.
 *
 * <p><b>Supervised.</b> When the server exits without being asked to ({@code kill -9}, a crash, the
 * OOM killer), it is started again at once on the same port with the same password; what comes
 * back is what its persistence kept (with a data folder, the append-only file; without one,
 * nothing). A server that keeps dying is restarted less and less often, up to every
 * {@link RestartPolicy#MAX_DELAY}. Each exit and restart is logged and told to {@link #onEvent}
 * listeners (the window's banner). {@link #stop()}, {@link #kill()} and {@link #close()} are no
 * crash: nothing is restarted after them. The nodes of a Cluster or a Sentinel set are not
 * supervised ({@link Options#unsupervised()}): Redis's own failover replaces a lost master, and a
 * master without persistence restarted at once would come back empty and be copied to its replicas.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int LOG_LINES_KEPT = 50;
    private static final String WORK_DIR_PREFIX = "trackeep-redis-";
    private static final String SENTINEL_CONFIG = "sentinel.conf";

    /** What the supervisor saw, for the log and the window. */
    public record Event(Type type, String message) {
        public enum Type {
            /** The server exited without being asked to; a restart follows. */
            EXITED,
            /** It answers again after such an exit. */
            RESTARTED,
            /** Starting it again failed; another attempt follows. */
            RESTART_FAILED
        }
    }

    /**
     * @param binary   redis-server to run, or null for {@code REDIS_SERVER} or else the embedded one
     * @param port     port to listen on, 0 for a free one
     * @param password password, or null for a random one
     * @param dataDir  folder for RDB/AOF persistence, or null for an in-memory server
     * @param extraConfig more redis.conf lines (e.g. {@code maxmemory 64mb})
     * @param sentinel run as a Sentinel ({@code --sentinel}): the configuration then goes to a
     *                 file in the private folder, because a Sentinel must rewrite its own
     *                 configuration (it refuses to start from standard input)
     * @param supervised restart the server when it exits unasked (see the class comment)
     */
    public record Options(Path binary, int port, String password, Path dataDir, List<String> extraConfig, boolean sentinel,
                          boolean supervised) {
        public Options {
            extraConfig = extraConfig == null ? List.of() : List.copyOf(extraConfig);
        }

        public Options(Path binary, int port, String password, Path dataDir, List<String> extraConfig) {
            this(binary, port, password, dataDir, extraConfig, false, true);
        }

        public static Options defaults() {
            return new Options(null, 0, null, null, List.of());
        }

        public Options withDataDir(Path dir) {
            return new Options(binary, port, password, dir, extraConfig, sentinel, supervised);
        }

        public Options withConfig(String... lines) {
            return new Options(binary, port, password, dataDir, Stream.concat(extraConfig.stream(), Stream.of(lines)).toList(),
                    sentinel, supervised);
        }

        public Options withBinary(Path bin) {
            return new Options(bin, port, password, dataDir, extraConfig, sentinel, supervised);
        }

        /** A fixed port (a topology picks its own, e.g. a Cluster node needs P and P+10000 free); 0 for a free one. */
        public Options withPort(int fixedPort) {
            return new Options(binary, fixedPort, password, dataDir, extraConfig, sentinel, supervised);
        }

        /** A given password (the nodes of one topology share theirs); null for a random one. */
        public Options withPassword(String fixedPassword) {
            return new Options(binary, port, fixedPassword, dataDir, extraConfig, sentinel, supervised);
        }

        /** Runs the process as a Sentinel; {@link #extraConfig} carries its {@code sentinel ...} lines. */
        public Options asSentinel() {
            return new Options(binary, port, password, dataDir, extraConfig, true, supervised);
        }

        /** Not restarted when it exits unasked: a node of a Cluster or Sentinel set, whose failover Redis handles. */
        public Options unsupervised() {
            return new Options(binary, port, password, dataDir, extraConfig, sentinel, false);
        }
    }

    private final Options options;
    private final Path workDir;
    private final Path binary;
    private final String password;
    private final Deque<String> recentLog = new ArrayDeque<>();
    private final Thread shutdownHook;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private volatile int port;
    private volatile Process process;
    // The process to keep alive: set once it answers, cleared before every stop we ask for, so its
    // exit is told from a crash. Guarded by this.
    private Process supervised;
    private final RestartPolicy restarts = new RestartPolicy(); // guarded by this
    private volatile boolean closed;

    private RedisServerProcess(Options options) throws IOException {
        this.options = options;
        LeftoverSweeper.sweep(Path.of(System.getProperty("java.io.tmpdir")), WORK_DIR_PREFIX);
        this.workDir = Files.createTempDirectory(WORK_DIR_PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.binary = RedisServerBinary.resolve(options.binary(), workDir);
        this.password = givenOrRandom(options.password());
        this.shutdownHook = new Thread(this::destroyNow, "redis-server-shutdown");
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-server-supervisor");
            t.setDaemon(true);
            return t;
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server and waits until it answers PING (at most 10 s). */
    public static RedisServerProcess start(Options options) {
        RedisServerProcess server;
        try {
            server = new RedisServerProcess(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare redis-server: " + e.getMessage(), e);
        }
        try {
            server.launch(options.port());
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public static RedisServerProcess start() {
        return start(Options.defaults());
    }

    public String host() { return LOOPBACK; }

    public int port() { return port; }

    public String password() { return password; }

    /** {@code redis://:password@127.0.0.1:port}: for the user's own throw-away instance only. */
    public String uriWithPassword() {
        return settings().uriWithCredentials();
    }

    public RedisSettings settings() {
        return RedisSettings.fromUri("redis://" + LOOPBACK + ":" + port).withPassword(password);
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The server's process id, or -1 while none runs (tests send it signals to see faults). */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** Tells {@code listener} (on the supervisor's thread) when the server exits unasked and is restarted. */
    public void onEvent(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public Path binary() { return binary; }

    /** The private folder (owner-only) of this process: its working directory without a data folder, its Sentinel configuration. */
    Path folder() { return workDir; }

    /** Stops the server process (data folder and port are kept for {@link #restart()}). */
    public synchronized void stop() {
        supervised = null; // asked for: no restart
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy(); // SIGTERM: redis-server shuts down cleanly (and saves when persistence is on)
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Kills the process at once (SIGKILL), as a crash or {@code kill -9} would: no shutdown, no
     * save, clients see the connection drop; and, as asked for, no restart by the supervisor. The
     * port, password and folder (a Cluster node's {@code nodes.conf}) stay for {@link #restart()}.
     */
    public synchronized void kill() {
        supervised = null; // asked for: no restart
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same port with the same password, as a restarted Redis would come back. */
    public synchronized void restart() {
        stop();
        launch(port);
    }

    /** Stops the server and removes its temporary folder. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
        supervisor.shutdownNow();
        FolderDeletion.delete(workDir);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }

    private synchronized void launch(int requestedPort) {
        int attempts = requestedPort == 0 ? 5 : 1;
        RuntimeException last = null;
        for (int i = 0; i < attempts; i++) {
            int candidate = requestedPort == 0 ? freePort() : requestedPort;
            try {
                launchOn(candidate);
                this.port = candidate;
                return;
            } catch (RuntimeException e) {
                // another process may have taken the port between probing and binding: try another
                last = e;
                stop();
            }
        }
        throw last;
    }

    private void launchOn(int candidatePort) {
        Path dir = options.dataDir() != null ? options.dataDir() : workDir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // said as the folder's problem: "Cannot start …/redis-server: /proc/nope" named the wrong culprit
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new UncheckedIOException("Cannot create the data folder " + dir + " (" + why
                    + "): choose a folder this user may write", e);
        }
        try {
            ProcessBuilder pb;
            if (options.sentinel()) {
                // Owner-only file in the owner-only folder, deleted with it. The Sentinel rewrites it as it
                // learns (a failover's new master): a restart keeps that, as a restarted Sentinel would.
                Path file = workDir.resolve(SENTINEL_CONFIG);
                if (port == 0 || !Files.exists(file)) {
                    Files.deleteIfExists(file);
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, config(candidatePort, dir), StandardCharsets.UTF_8);
                }
                pb = new ProcessBuilder(binary.toString(), file.toString(), "--sentinel");
            } else {
                pb = new ProcessBuilder(binary.toString(), "-");
            }
            pb.redirectErrorStream(true).directory(dir.toFile());
            Process p = startProcess(pb);
            this.process = p;
            try (OutputStream in = p.getOutputStream()) {
                if (!options.sentinel()) {
                    in.write(config(candidatePort, dir).getBytes(StandardCharsets.UTF_8));
                }
            }
            pumpOutput(p.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary + ": " + e.getMessage(), e);
        }
        awaitReady(candidatePort, Duration.ofSeconds(10));
        LeftoverSweeper.recordOwner(workDir, process.pid());
        log.info("redis-server started on {}:{} (pid {})", LOOPBACK, candidatePort, process.pid());
        if (options.supervised()) {
            supervise(process);
        }
    }

    /**
     * Starts the process, again after a moment when the binary is "busy": while another thread of
     * this JVM copies a binary (the nodes of a topology start in parallel, each with its own copy),
     * a process forked meanwhile may hold that file open for writing until it execs, and Linux
     * refuses to run a file open for writing (ETXTBSY).
     */
    private static Process startProcess(ProcessBuilder pb) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return pb.start();
            } catch (IOException e) {
                if (attempt >= 10 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                sleep(10L * attempt);
            }
        }
    }

    private void supervise(Process p) {
        supervised = p;
        restarts.started(System.nanoTime());
        p.onExit().thenRun(() -> exited(p));
    }

    /** Runs when a server process ends, for whatever reason: a restart follows unless the exit was asked for. */
    private void exited(Process p) {
        Duration delay;
        String how = describeExit(p);
        synchronized (this) {
            if (p != supervised || closed) {
                return;
            }
            supervised = null;
            delay = restarts.afterExit(System.nanoTime());
        }
        log.warn("redis-server on {}:{} (pid {}) exited unexpectedly ({}); restarting it{}", LOOPBACK, port, p.pid(), how,
                delay.isZero() ? "" : " in " + delay.toSeconds() + " s");
        tell(new Event(Event.Type.EXITED, "The local Redis server stopped unexpectedly (" + how + "); restarting it"
                + (delay.isZero() ? "" : " in " + delay.toSeconds() + " s") + "…"));
        scheduleRestart(delay);
    }

    private void scheduleRestart(Duration delay) {
        try {
            supervisor.schedule(this::restartAfterExit, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() stopped the supervisor: nothing to restart
        }
    }

    private void restartAfterExit() {
        Duration retry;
        String failure;
        synchronized (this) {
            if (closed || supervised != null) {
                return; // closed, or restarted by someone else meanwhile (restart())
            }
            try {
                process = null;
                launch(port);
                String data = options.dataDir() != null
                        ? "its data is what " + options.dataDir() + " kept"
                        : "it runs in memory: its data is gone";
                log.warn("redis-server restarted on {}:{} (pid {}); {}", LOOPBACK, port, process.pid(), data);
                tell(new Event(Event.Type.RESTARTED, "The local Redis server was restarted after it stopped (" + data + ")"));
                return;
            } catch (RuntimeException e) {
                retry = restarts.afterFailedRestart();
                failure = e.getMessage();
            }
        }
        log.warn("redis-server on {}:{} could not be restarted ({}); trying again in {} s", LOOPBACK, port, failure, retry.toSeconds());
        tell(new Event(Event.Type.RESTART_FAILED, "The local Redis server could not be restarted (" + failure
                + "); trying again in " + retry.toSeconds() + " s…"));
        scheduleRestart(retry);
    }

    private void tell(Event event) {
        for (Consumer<Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A listener of redis-server events failed: {}", e.toString());
            }
        }
    }

    /** "exit code 1", "killed by signal 9 (SIGKILL)": Java reports death by signal N as exit code 128 + N. */
    private static String describeExit(Process p) {
        int code = p.exitValue();
        if (code > 128 && code < 160) {
            int signal = code - 128;
            String name = switch (signal) {
                case 6 -> " (SIGABRT)";
                case 9 -> " (SIGKILL)";
                case 11 -> " (SIGSEGV)";
                case 15 -> " (SIGTERM)";
                default -> "";
            };
            return "killed by signal " + signal + name;
        }
        return "exit code " + code;
    }

    private String config(int candidatePort, Path dir) {
        return RedisServerConfig.text(LOOPBACK, candidatePort, password, dir, options.dataDir() != null, options.extraConfig());
    }

    private void awaitReady(int candidatePort, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited during start: " + lastLine());
            }
            if (answersPing(candidatePort)) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer within " + timeout.toSeconds() + " s: " + lastLine());
    }

    private boolean answersPing(int candidatePort) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, candidatePort), 500);
            s.setSoTimeout(1000);
            String cmd = "*2\r\n$4\r\nAUTH\r\n$" + password.getBytes(StandardCharsets.UTF_8).length + "\r\n" + password + "\r\n*1\r\n$4\r\nPING\r\n";
            s.getOutputStream().write(cmd.getBytes(StandardCharsets.UTF_8));
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            return "+OK".equals(r.readLine()) && "+PONG".equals(r.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    private void pumpOutput(InputStream out) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        if (recentLog.size() == LOG_LINES_KEPT) {
                            recentLog.removeFirst();
                        }
                        recentLog.addLast(line);
                    }
                    log.debug("redis-server: {}", line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "redis-server-output");
        t.setDaemon(true);
        t.start();
    }

    private synchronized String lastLine() {
        return recentLog.isEmpty() ? "(no output)" : recentLog.peekLast();
    }

    /**
     * The shutdown hook: SIGTERM first, so that owners' own hooks running at the same time (a
     * local instance flushing its stats) still find Redis for a moment, then SIGKILL after 3 s.
     */
    private void destroyNow() {
        closed = true; // the supervisor must not start what the JVM is about to leave behind
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        FolderDeletion.delete(workDir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * The password the options give, or a random one (48 hex digits) when they give none: what a
     * null password means for a server and for the topologies, whose nodes share one.
     */
    static String givenOrRandom(String password) {
        if (password != null) {
            return password;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }
}
