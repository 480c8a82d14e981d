package nz.raceday.ingest.testsupport.appwrite;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on raw sockets: keep-alive, {@code Content-Length} (and, for robustness, chunked) request
 * bodies, one thread per connection. Raw sockets because a fault must be able to close the connection after the
 * request was read and before any answer, which the JDK's {@code HttpServer} cannot do, and because an outage must
 * be able to stop listening and listen again on the same port.
 */
final class HttpWire implements AutoCloseable {

    /** One request as read. Header names are lower-cased; query names and values are percent-decoded. */
    record WireRequest(String method, String rawPath, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer; a null {@code contentType} means no {@code Content-Type} header (204). */
    record WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    }

    /** What to do with a request: answer (after an optional delay) or drop the connection without a word. */
    record Reply(WireResponse response, long delayMillis) {

        static Reply drop() {
            return new Reply(null, 0);
        }

        boolean drops() {
            return response == null;
        }
    }

    interface Handler {
        Reply handle(WireRequest request);
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Handler handler;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Object listenLock = new Object();
    private volatile ServerSocket listener;
    private volatile boolean closed;
    private int port;

    HttpWire(Handler handler) {
        this.handler = handler;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "appwrite-test-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening on loopback; port 0 picks an ephemeral port. */
    void start(int requestedPort) {
        synchronized (listenLock) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
                this.port = socket.getLocalPort();
                this.listener = socket;
                threads.execute(() -> acceptLoop(socket));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + requestedPort, e);
            }
        }
    }

    int port() {
        return port;
    }

    boolean listening() {
        ServerSocket socket = listener;
        return socket != null && !socket.isClosed();
    }

    /** Stops accepting and closes every open connection: new connections are refused. */
    void stopListening() {
        synchronized (listenLock) {
            ServerSocket socket = listener;
            listener = null;
            closeQuietly(socket);
            for (Socket connection : connections) {
                closeQuietly(connection);
            }
        }
    }

    /** Listens again on the same port after {@link #stopListening()}. */
    void resumeListening() {
        synchronized (listenLock) {
            if (!listening() && !closed) {
                start(port);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopListening();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                threads.execute(() -> serve(connection));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (socket.isClosed() || closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = new BufferedOutputStream(connection.getOutputStream());
            while (!closed) {
                WireRequest request;
                try {
                    request = read(in);
                } catch (BadRequest e) {
                    write(out, new WireResponse(400, "text/plain", Map.of(),
                            e.getMessage().getBytes(StandardCharsets.UTF_8)), false);
                    return;
                }
                if (request == null) {
                    return;
                }
                Reply reply = handler.handle(request);
                if (reply.drops()) {
                    return; // closes the socket: the client sees the connection end with no answer
                }
                if (reply.delayMillis() > 0) {
                    Thread.sleep(reply.delayMillis()); // this connection's own thread; others carry on
                }
                boolean keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
                write(out, reply.response(), keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketException e) {
            // the client or an outage closed the connection
        } catch (IOException e) {
            // the client went away mid-request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(connection);
        }
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static WireRequest read(InputStream in) throws IOException, BadRequest {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        if (requestLine.isEmpty()) { // tolerate a stray CRLF between requests
            requestLine = readLine(in, true);
            if (requestLine == null) {
                return null;
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("bad request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        while (true) {
            String line = readLine(in, false);
            if (line == null) {
                throw new BadRequest("headers cut short");
            }
            if (line.isEmpty()) {
                break;
            }
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new BadRequest("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("bad header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        byte[] body = readBody(in, headers);
        String target = parts[1];
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        headers.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new WireRequest(parts[0], rawPath, decodePath(rawPath), Collections.unmodifiableMap(query),
                Collections.unmodifiableMap(headers), body);
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException, BadRequest {
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, false);
                if (sizeLine == null) {
                    throw new BadRequest("chunked body cut short");
                }
                int semicolon = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("bad chunk size");
                }
                if (size == 0) {
                    while (true) { // trailers
                        String trailer = readLine(in, false);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.write(in.readNBytes(size));
                readLine(in, false);
            }
        }
        List<String> length = headers.get("content-length");
        if (length == null || length.isEmpty()) {
            return new byte[0];
        }
        int n;
        try {
            n = Integer.parseInt(length.get(0).trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("bad content-length");
        }
        byte[] body = in.readNBytes(n);
        if (body.length != n) {
            throw new BadRequest("body cut short");
        }
        return body;
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, or null at end of stream before any byte. */
    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("line too long");
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String decodePath(String rawPath) {
        // percent-decoding only: '+' is a literal in paths
        return decode(rawPath.replace("+", "%2B"));
    }

    private static void write(OutputStream out, WireResponse response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        if (response.contentType() != null) {
            head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        head.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
