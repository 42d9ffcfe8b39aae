package io.trackeep.dashboard.local.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP2 connection to one loopback server, for setting topologies up (CLUSTER MEET,
 * SENTINEL MASTER, ...). Starting six Lettuce clients would cost six event-loop groups and more
 * time than the setup itself; this one is a socket. Answers are {@link String} (simple and bulk
 * strings, null for a null bulk), {@link Long} or {@link List}; an error answer is thrown as
 * {@link ServerError}. Not thread-safe: one per setup thread.
 */
final class RespConnection implements AutoCloseable {

    /** An error answer ({@code -ERR ...}): the command was understood and refused. */
    static final class ServerError extends RuntimeException {
        ServerError(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects to {@code 127.0.0.1:port} and authenticates with {@code password} (null: none). */
    static RespConnection open(int port, String password) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            RespConnection c = new RespConnection(socket);
            if (password != null) {
                c.call("AUTH", password);
            }
            return c;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot reach 127.0.0.1:" + port + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Sends one command and returns its answer. */
    Object call(String... args) {
        return call(List.of(args));
    }

    Object call(List<String> args) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes(new byte[]{'\r', '\n'});
            }
            out.write(request.toByteArray());
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("Talking to 127.0.0.1:" + socket.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** {@code field:value} lines of an INFO-like answer (INFO, CLUSTER INFO): the value of {@code field}, or null. */
    static String field(Object text, String field) {
        if (!(text instanceof String s)) {
            return null;
        }
        for (String line : s.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return null;
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new ServerError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("Unexpected RESP type '" + (char) type + "'");
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
            throw new EOFException("connection closed in the middle of an answer");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int count) throws IOException {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                items.add(read());
            } catch (ServerError e) {
                items.add(e); // an error inside an array (EXEC) is an element, not the answer
            }
        }
        return items;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read(); // '\n'
                return b.toString();
            }
            b.append((char) c);
        }
        throw new EOFException("connection closed in the middle of an answer");
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a loopback socket: nothing to report
        }
    }
}
