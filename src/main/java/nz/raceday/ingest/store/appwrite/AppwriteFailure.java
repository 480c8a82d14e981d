package nz.raceday.ingest.store.appwrite;

/**
 * An Appwrite call that did not succeed, classified by what the caller should do about it. The message names the
 * operation and carries Appwrite's code, type and message; it never contains the API key (see {@link AppwriteCalls}).
 */
public final class AppwriteFailure extends RuntimeException {

    /** What a failure means for the caller. */
    public enum Kind {
        /** 404: the database, collection or document does not exist. */
        NOT_FOUND,
        /** 409: the id (or a unique index value) is taken. */
        CONFLICT,
        /** 400 and similar: the request itself is wrong; repeating it cannot help. */
        REJECTED,
        /** 401/403: the key is wrong, expired or lacks a scope; an operator has to act. */
        UNAUTHORIZED,
        /** 5xx, 408, 429, 402 (quota), network errors and timeouts: worth trying again later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int code;
    private final String type;

    public AppwriteFailure(Kind kind, int code, String type, String message, Throwable cause) {
        super(message, cause, false, true);
        this.kind = kind;
        this.code = code;
        this.type = type;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status / Appwrite code, or 0 when no response came (network error, timeout). */
    public int code() {
        return code;
    }

    /** Appwrite's error type such as {@code document_not_found}, or null. */
    public String type() {
        return type;
    }

    /** Whether delivery may succeed later without anyone changing anything. */
    public boolean isTransient() {
        return kind == Kind.UNAVAILABLE;
    }

    /** Whether the write should wait in the outbox rather than fail: Appwrite is down or refuses our key for now. */
    public boolean shouldQueue() {
        return kind == Kind.UNAVAILABLE || kind == Kind.UNAUTHORIZED
                || (kind == Kind.NOT_FOUND && !"document_not_found".equals(type));
    }

    public boolean isDocumentNotFound() {
        return kind == Kind.NOT_FOUND && "document_not_found".equals(type);
    }

    /** Classifies an HTTP status as Appwrite answers it. */
    static Kind kindOf(int code) {
        if (code == 404) {
            return Kind.NOT_FOUND;
        }
        if (code == 409) {
            return Kind.CONFLICT;
        }
        if (code == 401 || code == 403) {
            return Kind.UNAUTHORIZED;
        }
        if (code == 408 || code == 429 || code == 402 || code >= 500 || code == 0) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REJECTED;
    }
}
