package dev.caretaker.job;

/**
 * A listing request: optional type and status filters, newest first.
 *
 * @param pageToken opaque token from a previous page, or null for the first page
 */
public record JobQuery(JobType type, JobStatus status, int limit, String pageToken) {

    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 25;

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
