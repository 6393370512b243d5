package dev.caretaker.job;

import java.util.List;

/** One page of a listing; {@code nextPageToken} is null on the last page. */
public record JobPage(List<Job> jobs, String nextPageToken) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
