package dev.caretaker.local.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a stack operation needs from the sandbox around it. */
interface OperationContext {

    /** The sandbox clock. */
    Instant now();

    /** The next event's timestamp (after every earlier event's). */
    Instant eventTime();

    /** Why the operation must roll back because of its triggers (an alarm in ALARM, or missing), if it must. */
    Optional<String> triggerFired(RollbackSettings rollback);

    /** How long one minute of MonitoringTimeInMinutes lasts on the sandbox clock. */
    Duration monitoringMinute();

    /** A physical id for a resource created (or replaced) now: the name it was given, or one made up the way CloudFormation makes them. */
    String physicalId(LiveStack stack, String logicalId, String type, Object givenName);

    /** A scripted fault fired: it is spent unless it fires every time. */
    void faultFired(DeploymentFault fault);
}
