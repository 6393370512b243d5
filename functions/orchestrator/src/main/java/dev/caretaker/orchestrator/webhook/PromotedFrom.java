package dev.caretaker.orchestrator.webhook;

import dev.caretaker.job.JobIds;
import dev.caretaker.job.JobType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a promoted release already succeeded: another Caretaker installation (an environment such
 * as {@code staging}) and the deployment there. Recorded as provenance; the release still goes
 * through the whole workflow here.
 */
public record PromotedFrom(String environment, String deploymentId) {

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public PromotedFrom {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deploymentId, "deploymentId");
        if (!isEnvironmentName(environment)) {
            throw new IllegalArgumentException("environment: '" + ReleaseFieldRules.shorten(environment)
                    + "' is not an environment name (1-64 lower-case letters, digits, '_' or '-')");
        }
        if (!isDeploymentId(deploymentId)) {
            throw new IllegalArgumentException("deploymentId: '" + ReleaseFieldRules.shorten(deploymentId)
                    + "' is not a deployment id like deploy-0123456789abcdef01234567");
        }
    }

    public static boolean isEnvironmentName(String name) {
        return name != null && ENVIRONMENT.matcher(name).matches();
    }

    /** Deployment ids are DEPLOY job ids. */
    public static boolean isDeploymentId(String id) {
        return JobIds.looksValid(id) && id.startsWith(JobType.DEPLOY.idPrefix() + "-");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("environment", environment);
        map.put("deploymentId", deploymentId);
        return map;
    }
}
