package dev.caretaker.deployment.workflow;

import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.release.Sha256;
import dev.caretaker.deployment.stack.TemplateSource;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.work.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release a deployment is working on, as verification recorded it: the one it was started for,
 * or — on the way back after a failed health check — the last known-good one, kept under
 * {@code recovery.release}. Its template is the copy verification kept in Caretaker's bucket.
 */
record KeptRelease(String version, String keptTemplate, String templateSha256, Map<String, String> manifestParameters,
                   List<String> capabilities, Map<String, String> deployParameters, List<String> keepParameters,
                   boolean revertDrift, boolean approvalRequired) {

    /** CloudFormation takes templates up to 1 MB from S3. */
    static final int MAX_TEMPLATE_BYTES = 1_048_576;

    static final String KEPT_TEMPLATE = "keptTemplate";
    static final String DEPLOY_PARAMETERS = "deployParameters";
    static final String KEEP_PARAMETERS = "keepParameters";
    /** Set on the kept template of a drift remediation: its change set is drift-aware. */
    static final String REVERT_DRIFT = "revertDrift";
    /** A drift remediation's own approval rule, from the drift configuration: true for on-approval. */
    static final String APPROVAL_REQUIRED = "approvalRequired";
    /** In a drift remediation's preview: drifted resources its change set cannot revert. */
    static final String NOT_REVERTED = "notReverted";

    static KeptRelease of(Deployment deployment) {
        Map<String, Object> release = releaseMap(deployment);
        if (!(release.get(KEPT_TEMPLATE) instanceof String kept)) {
            throw new PermanentFailure("deployment " + deployment.id() + " has no verified release to work on");
        }
        return new KeptRelease(String.valueOf(release.get("version")), kept, String.valueOf(release.get("templateSha256")),
                strings(release.get("parameters")), list(release.get("capabilities")), strings(release.get(DEPLOY_PARAMETERS)),
                list(release.get(KEEP_PARAMETERS)), Boolean.TRUE.equals(release.get(REVERT_DRIFT)),
                Boolean.TRUE.equals(release.get(APPROVAL_REQUIRED)));
    }

    /** The record's release map this deployment works on now. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> releaseMap(Deployment deployment) {
        if (DeploymentRecords.recovering(deployment)) {
            return deployment.recovery().get("release") instanceof Map<?, ?> release ? (Map<String, Object>) release : Map.of();
        }
        return deployment.release();
    }

    /** The record with {@code key} set on the release it works on. */
    static Deployment with(Deployment deployment, String key, Object value, java.time.Instant now) {
        Map<String, Object> release = new LinkedHashMap<>(releaseMap(deployment));
        release.put(key, value);
        return withRelease(deployment, release, now);
    }

    static Deployment withRelease(Deployment deployment, Map<String, Object> release, java.time.Instant now) {
        if (DeploymentRecords.recovering(deployment)) {
            Map<String, Object> recovery = new LinkedHashMap<>(deployment.recovery());
            recovery.put("release", release);
            return deployment.withRecovery(recovery, now);
        }
        return deployment.withRelease(release, now);
    }

    /**
     * The verified template as CloudFormation takes it: inline when it fits, else by URL of the kept
     * copy. Its hash is checked again: the kept copy must still be the verified bytes.
     */
    TemplateSource source(ReleaseArtifacts artifacts) {
        byte[] bytes = artifacts.fetch(keptTemplate, MAX_TEMPLATE_BYTES).orElseThrow(() -> new PermanentFailure(
                "the verified template kept at " + keptTemplate + " is gone; start the deployment again"));
        if (!Sha256.hex(bytes).equals(templateSha256)) {
            throw new PermanentFailure("the template kept at " + keptTemplate + " no longer matches the verified SHA-256 "
                    + templateSha256 + ": someone changed Caretaker's copy. Do not deploy; investigate who can write the bucket");
        }
        return bytes.length <= TemplateSource.MAX_BODY_BYTES
                ? new TemplateSource.Body(new String(bytes, StandardCharsets.UTF_8))
                : new TemplateSource.Url(artifacts.httpsUrl(keptTemplate));
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
        }
        return map;
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> raw ? raw.stream().map(String::valueOf).toList() : List.of();
    }
}
