package nz.raceday.ingest.tab;

/** Something that wants to know how many TAB requests were made on its behalf (an import run, a poll). */
public interface RequestTally {

    /** One HTTP request (a first attempt or a retry) is about to be sent. */
    void onTabRequest();
}
