package dev.caretaker.drift.remediation;

import dev.caretaker.events.EventPublisher;
import dev.caretaker.events.ResultEvent;
import dev.caretaker.events.Severity;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link RemediationRequests} on the Caretaker bus: a {@code DriftRemediationRequested} event, which a
 * bus rule delivers to the orchestrator. INFO, so the notification rule leaves it alone: the
 * remediation's own approval request (or its result) is what reaches people.
 */
public final class BusRemediationRequests implements RemediationRequests {

    public static final String SOURCE = "caretaker.drift";
    public static final String DETAIL_TYPE = "DriftRemediationRequested";

    private final EventPublisher events;
    private final Clock clock;

    public BusRemediationRequests(EventPublisher events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void request(Request request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stack", request.stack());
        data.put("approval", request.approvalRequired() ? "required" : "auto");
        data.put("resources", request.resources());
        data.put("reason", request.reason());
        events.publish(new ResultEvent(SOURCE, DETAIL_TYPE, Severity.INFO, request.checkJobId(), request.correlationId(),
                request.stack(), "revert the drift of " + request.stack() + " (" + request.resources().size() + " resource(s), "
                + (request.approvalRequired() ? "after approval" : "automatically") + ")", clock.instant(), data));
    }
}
