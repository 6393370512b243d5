package dev.caretaker.local.stepfunctions;

import java.util.List;

/** One entry of a state's Catch list: where an error goes, with {@code {"Error","Cause"}} placed by ResultPath. */
record Catcher(List<String> errorEquals, ResultPath resultPath, String next) {

    Catcher {
        errorEquals = List.copyOf(errorEquals);
    }

    boolean covers(String error) {
        return ErrorNames.matches(errorEquals, error);
    }
}
