package dev.caretaker.backup;

import java.util.List;
import java.util.Map;

/** Port: every record of Caretaker's state, as plain string maps. */
public interface StateRecords {

    /** Where the records come from, for the manifest (e.g. "dynamodb:caretaker-state"). */
    String source();

    List<Map<String, String>> readAll();
}
