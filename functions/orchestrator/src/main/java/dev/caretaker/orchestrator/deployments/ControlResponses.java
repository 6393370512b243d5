package dev.caretaker.orchestrator.deployments;

import dev.caretaker.orchestrator.api.HttpResponse;

/** The one mapping of {@link ControlOutcome} to HTTP, shared by the API routes and the signed webhook. */
public final class ControlResponses {

    private ControlResponses() {
    }

    public static HttpResponse of(ControlOutcome outcome) {
        return switch (outcome) {
            case ControlOutcome.Done done -> HttpResponse.json(200, done.body());
            case ControlOutcome.NotFound notFound -> HttpResponse.notFound(notFound.message());
            case ControlOutcome.Conflict conflict -> HttpResponse.conflict(conflict.message());
            case ControlOutcome.Unavailable unavailable -> HttpResponse.unavailable(unavailable.message());
            case ControlOutcome.Failed failed -> HttpResponse.internalError(failed.message());
        };
    }
}
