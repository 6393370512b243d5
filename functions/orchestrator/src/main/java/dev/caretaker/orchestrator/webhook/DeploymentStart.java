package dev.caretaker.orchestrator.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the deployment workflow needs to begin: the job that tracks it, the release, and who
 * asked for it: a webhook {@code delivery}, or an API caller ({@code requestedBy}), possibly
 * promoting a release from another environment.
 *
 * @param now          deploy outside the maintenance window, if the configuration allows it
 * @param promotedFrom the environment and deployment a promotion comes from, null otherwise
 */
public record DeploymentStart(String jobId, DeploymentRequest release, Delivery delivery, String requestedBy, boolean now,
                              PromotedFrom promotedFrom) {

    public DeploymentStart {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(release, "release");
        if ((delivery == null) == (requestedBy == null)) {
            throw new IllegalArgumentException("a deployment is started either by a webhook delivery or by a caller, not both or neither");
        }
        if (promotedFrom != null && requestedBy == null) {
            throw new IllegalArgumentException("only a caller promotes a release");
        }
    }

    /** A start from a signed webhook. */
    public DeploymentStart(String jobId, DeploymentRequest release, Delivery delivery) {
        this(jobId, release, Objects.requireNonNull(delivery, "delivery"), null, false, null);
    }

    /** A start an operator asked for through the API ({@code POST /deployments}). */
    public static DeploymentStart requested(String jobId, DeploymentRequest release, String requestedBy, boolean now,
                                            PromotedFrom promotedFrom) {
        return new DeploymentStart(jobId, release, null, Objects.requireNonNull(requestedBy, "requestedBy"), now, promotedFrom);
    }

    /** Who asked, as the deployment record keeps it ({@code Deployment.origin}). */
    public Map<String, Object> origin() {
        Map<String, Object> origin = new LinkedHashMap<>();
        if (delivery != null) {
            origin.put("source", delivery.source());
            origin.put("deliveryId", delivery.id());
        } else {
            origin.put("requestedBy", requestedBy);
            if (promotedFrom != null) {
                origin.put("promotedFrom", promotedFrom.toMap());
            }
        }
        return origin;
    }
}
