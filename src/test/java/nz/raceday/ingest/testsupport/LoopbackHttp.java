package nz.raceday.ingest.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The JDK HTTP server on a free loopback port, as the fake TAB servers of the tests use it. */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** Starts a server answering every path with {@code handler} on {@code executor}. */
    public static HttpServer serve(HttpHandler handler, Executor executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(executor);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's base URL, such as {@code http://127.0.0.1:41234}, to configure as {@code tab.base-url}. */
    public static String baseUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
