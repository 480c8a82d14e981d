package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The identification headers TAB asks partners to send, which are personal data. */
class TabIdentityTest {

    private static final String EMAIL = "someone@example.invalid";
    private static final String NAME = "Jane Partner";
    private static final String ID = "Private-Developer";
    private static final String AGENT = "raceday-ingest/0.1.0";

    @Test
    void shouldExposeTheValuesForTheRequestHeaders() {
        TabIdentity identity = new TabIdentity(" " + EMAIL + " ", NAME, ID, AGENT);

        assertThat(identity.fromEmail()).isEqualTo(EMAIL);
        assertThat(identity.partnerName()).isEqualTo(NAME);
        assertThat(identity.partnerId()).isEqualTo(ID);
        assertThat(identity.userAgent()).isEqualTo(AGENT);
        assertThat(identity.missingVariables()).isEmpty();
    }

    @Test
    void shouldTreatBlankValuesAsMissing() {
        TabIdentity identity = new TabIdentity("  ", null, "", AGENT);

        assertThat(identity.fromEmail()).isNull();
        assertThat(identity.partnerName()).isNull();
        assertThat(identity.partnerId()).isNull();
    }

    @Test
    void shouldNameTheMissingEnvironmentVariables() {
        assertThat(new TabIdentity(null, NAME, " ", AGENT).missingVariables())
                .containsExactly("TAB_FROM_EMAIL", "TAB_PARTNER_ID");
        assertThat(new TabIdentity(null, null, null, AGENT).missingVariables())
                .containsExactly("TAB_FROM_EMAIL", "TAB_PARTNER_NAME", "TAB_PARTNER_ID");
    }

    @Test
    void shouldNeverShowTheValuesInToString() {
        String complete = new TabIdentity(EMAIL, NAME, ID, AGENT).toString();
        String partial = new TabIdentity(EMAIL, null, ID, AGENT).toString();

        assertThat(complete).doesNotContain(EMAIL, NAME, ID, "someone", "Jane");
        assertThat(partial).doesNotContain(EMAIL, ID).contains("TAB_PARTNER_NAME");
    }
}
