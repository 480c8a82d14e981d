package nz.raceday.ingest.ops.hawtio;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Hawtio's proxy ({@code /hawtio/proxy/<scheme>/<host>/<port>/<path>}) forwards to any port of an allowed host;
 * this console forwards to the one Jolokia it was started for and refuses every other target with 403.
 */
final class ProxyTargetFilter implements Filter {

    private final String allowedPath;

    /** @param allowedPath the proxy path of the Jolokia, for example {@code /http/127.0.0.1/9876/observe/jolokia} */
    ProxyTargetFilter(String allowedPath) {
        this.allowedPath = allowedPath;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = ((HttpServletRequest) request).getPathInfo();
        // "/enabled" is the console asking whether the proxy is on at all
        if (path != null && (path.equals("/enabled") || path.equals(allowedPath)
                || path.startsWith(allowedPath + "/"))) {
            chain.doFilter(request, response);
            return;
        }
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                "this console only connects to " + allowedPath);
    }
}
