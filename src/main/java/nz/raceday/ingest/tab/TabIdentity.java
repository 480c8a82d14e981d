package nz.raceday.ingest.tab;

import java.util.ArrayList;
import java.util.List;

/**
 * Who we are to the TAB API: the {@code From}, {@code X-Partner} and {@code X-Partner-ID} headers TAB asks
 * partners to send "to avoid being blocked" (domain-spec §1.2), plus our {@code User-Agent}. The values are
 * personal data: they are only ever put on outgoing requests, never logged, and {@link #toString()} hides them.
 */
public final class TabIdentity {

    /** Environment variable names, the only place the values come from in production. */
    public static final String FROM_EMAIL_VARIABLE = "TAB_FROM_EMAIL";
    public static final String PARTNER_NAME_VARIABLE = "TAB_PARTNER_NAME";
    public static final String PARTNER_ID_VARIABLE = "TAB_PARTNER_ID";

    private final String fromEmail;
    private final String partnerName;
    private final String partnerId;
    private final String userAgent;

    public TabIdentity(String fromEmail, String partnerName, String partnerId, String userAgent) {
        this.fromEmail = blankToNull(fromEmail);
        this.partnerName = blankToNull(partnerName);
        this.partnerId = blankToNull(partnerId);
        this.userAgent = userAgent;
    }

    /** Value of the {@code From} header, or null to send none. */
    public String fromEmail() {
        return fromEmail;
    }

    /** Value of the {@code X-Partner} header, or null to send none. */
    public String partnerName() {
        return partnerName;
    }

    /** Value of the {@code X-Partner-ID} header, or null to send none. */
    public String partnerId() {
        return partnerId;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Names of the environment variables that are not set (never their values). */
    public List<String> missingVariables() {
        List<String> missing = new ArrayList<>();
        if (fromEmail == null) {
            missing.add(FROM_EMAIL_VARIABLE);
        }
        if (partnerName == null) {
            missing.add(PARTNER_NAME_VARIABLE);
        }
        if (partnerId == null) {
            missing.add(PARTNER_ID_VARIABLE);
        }
        return missing;
    }

    @Override
    public String toString() {
        return "TabIdentity[userAgent=" + userAgent + ", identification headers "
                + (missingVariables().isEmpty() ? "set" : "missing " + missingVariables()) + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
