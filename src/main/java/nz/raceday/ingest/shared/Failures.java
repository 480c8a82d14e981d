package nz.raceday.ingest.shared;

import java.util.Set;

/** Turns exceptions into the one-line reasons of failure records and logs. */
public final class Failures {

    /** Wrappers that say nothing themselves; the reason is their cause. */
    private static final Set<String> WRAPPERS = Set.of(
            "org.apache.camel.RuntimeCamelException",
            "org.apache.camel.CamelExecutionException",
            "org.apache.camel.RuntimeExchangeException",
            "java.util.concurrent.ExecutionException",
            "java.util.concurrent.CompletionException",
            "java.lang.reflect.InvocationTargetException",
            "java.lang.reflect.UndeclaredThrowableException");

    private Failures() {
        // static helpers
    }

    /**
     * The most specific readable reason: wrappers are skipped, our own exceptions give their message, others
     * are prefixed with their type ({@code SocketTimeoutException: Read timed out}).
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t.getClass())) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (t.getClass().getName().startsWith("nz.raceday.") || t instanceof IllegalArgumentException) {
            return message != null ? message : t.getClass().getSimpleName();
        }
        if (t.getClass().getName().equals("io.github.resilience4j.circuitbreaker.CallNotPermittedException")) {
            return "TAB circuit breaker is open after repeated failures; request not sent";
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A wrapper class or a subclass of one (Camel's bean and expression exceptions extend RuntimeCamelException). */
    private static boolean isWrapper(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (WRAPPERS.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    public static String truncate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }
}
