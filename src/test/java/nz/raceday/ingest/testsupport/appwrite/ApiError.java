package nz.raceday.ingest.testsupport.appwrite;

/**
 * An Appwrite error answer: HTTP status (= {@code code}), {@code type} and {@code message} exactly as Appwrite 1.6.2
 * words them (appwrite-notes §3.4). Thrown anywhere inside the emulator and turned into the error body at the edge.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String type;

    ApiError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    // ---- general

    static ApiError routeNotFound() {
        return new ApiError(404, "general_route_not_found",
                "The requested route was not found. Please refer to the API docs and try again.");
    }

    static ApiError argumentInvalid(String message) {
        return new ApiError(400, "general_argument_invalid", message);
    }

    static ApiError invalidParam(String param, String description) {
        return argumentInvalid("Invalid `" + param + "` param: " + description);
    }

    static ApiError paramNotOptional(String param) {
        return argumentInvalid("Param \"" + param + "\" is not optional.");
    }

    static ApiError queryInvalid(String message) {
        return new ApiError(400, "general_query_invalid", message);
    }

    static ApiError cursorNotFound(String documentId) {
        return new ApiError(400, "general_cursor_not_found",
                "Document '" + documentId + "' for the 'cursor' value not found.");
    }

    static ApiError orderNull(String attribute) {
        return new ApiError(400, "database_query_order_null", "The order attribute '" + attribute
                + "' had a null value. Cursor pagination requires all documents order attribute values are non-null.");
    }

    static ApiError rateLimited() {
        return new ApiError(429, "general_rate_limit_exceeded",
                "Rate limit for the current endpoint has been exceeded. Please try again after some time.");
    }

    static ApiError databaseTimeout() {
        return new ApiError(408, "database_timeout",
                "Database timed out. Try adjusting your queries or adding an index.");
    }

    static ApiError notEmulated(String what) {
        return new ApiError(501, "general_not_implemented",
                "Not emulated by AppwriteTestServer: " + what);
    }

    static ApiError serverBug(String what) {
        return new ApiError(500, "general_server_error", "AppwriteTestServer bug: " + what);
    }

    // ---- auth

    static ApiError unauthorized() {
        return new ApiError(401, "user_unauthorized",
                "The current user is not authorized to perform the requested action.");
    }

    static ApiError missingScope(String scope) {
        return new ApiError(401, "general_unauthorized_scope", "User (role: guests) missing scope (" + scope + ")");
    }

    static ApiError projectNotFound() {
        return new ApiError(404, "project_not_found", "Project with the requested ID could not be found. Please check "
                + "the value of the X-Appwrite-Project header to ensure the correct project ID is being used.");
    }

    // ---- databases and collections

    static ApiError databaseNotFound() {
        return new ApiError(404, "database_not_found", "Database not found");
    }

    static ApiError databaseAlreadyExists() {
        return new ApiError(409, "database_already_exists", "Database already exists");
    }

    static ApiError collectionNotFound() {
        return new ApiError(404, "collection_not_found", "Collection with the requested ID could not be found.");
    }

    static ApiError collectionAlreadyExists() {
        return new ApiError(409, "collection_already_exists", "A collection with the requested ID already exists. "
                + "Try again with a different ID or use ID.unique() to generate a unique ID.");
    }

    // ---- attributes and indexes

    static ApiError attributeNotFound() {
        return new ApiError(404, "attribute_not_found", "Attribute with the requested ID could not be found.");
    }

    static ApiError attributeAlreadyExists() {
        return new ApiError(409, "attribute_already_exists", "Attribute with the requested key already exists. "
                + "Attribute keys must be unique, try again with a different key.");
    }

    static ApiError attributeLimitExceeded() {
        return new ApiError(400, "attribute_limit_exceeded",
                "The maximum number or size of attributes for this collection has been reached.");
    }

    static ApiError attributeDefaultUnsupported(String message) {
        return new ApiError(400, "attribute_default_unsupported", message);
    }

    static ApiError attributeValueInvalid(String message) {
        return new ApiError(400, "attribute_value_invalid", message);
    }

    static ApiError attributeNotAvailable(String key) {
        return new ApiError(400, "attribute_not_available", "Attribute not available: " + key);
    }

    static ApiError attributeUnknown(String key) {
        return new ApiError(400, "attribute_unknown",
                "Unknown attribute: " + key + ". Verify the attribute name or create the attribute.");
    }

    static ApiError attributeTypeInvalid(String message) {
        return new ApiError(400, "attribute_type_invalid", message);
    }

    static ApiError indexNotFound() {
        return new ApiError(404, "index_not_found", "Index with the requested ID could not be found.");
    }

    static ApiError indexAlreadyExists() {
        return new ApiError(409, "index_already_exists",
                "Index with the requested key already exists. Try again with a different key.");
    }

    static ApiError indexLimitExceeded() {
        return new ApiError(400, "index_limit_exceeded", "Index limit exceeded");
    }

    static ApiError indexInvalid(String message) {
        return new ApiError(400, "index_invalid", message);
    }

    // ---- documents

    static ApiError documentNotFound() {
        return new ApiError(404, "document_not_found", "Document with the requested ID could not be found.");
    }

    static ApiError documentAlreadyExists() {
        return new ApiError(409, "document_already_exists", "Document with the requested ID already exists. "
                + "Try again with a different ID or use ID.unique() to generate a unique ID.");
    }

    static ApiError invalidStructure(String detail) {
        return new ApiError(400, "document_invalid_structure", "Invalid document structure: " + detail);
    }

    static ApiError idNotAllowedOnCreate() {
        return new ApiError(400, "document_invalid_structure",
                "$id is not allowed for creating new documents, try update instead");
    }

    static ApiError documentMissingData() {
        return new ApiError(400, "document_missing_data",
                "The document data is missing. Try again with document data populated");
    }

    static ApiError documentMissingPayload() {
        return new ApiError(400, "document_missing_payload", "The document data and permissions are missing. "
                + "You must provide either document data or permissions to be updated.");
    }

    static ApiError relationshipValueInvalid(String message) {
        return new ApiError(400, "relationship_value_invalid", message);
    }

    static ApiError documentDeleteRestricted() {
        return new ApiError(403, "document_delete_restricted",
                "Document cannot be deleted because it is referenced by other documents.");
    }
}
