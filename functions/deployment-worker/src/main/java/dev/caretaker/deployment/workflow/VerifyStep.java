package dev.caretaker.deployment.workflow;

import dev.caretaker.config.CaretakerConfig;
import dev.caretaker.deployment.release.ReleaseArtifactException;
import dev.caretaker.deployment.release.ReleaseArtifacts;
import dev.caretaker.deployment.release.ReleaseManifest;
import dev.caretaker.deployment.release.ReleaseVerdict;
import dev.caretaker.deployment.release.ReleaseVerifier;
import dev.caretaker.deployment.release.TrustedKeys;
import dev.caretaker.deployments.Deployment;
import dev.caretaker.work.PermanentFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Verifies the release before anything else happens: the manifest, its detached signature
 * ({@code <manifest>.sig}) and the template are fetched, checked by {@link ReleaseVerifier} against
 * the trusted keys in force, and the template's verified bytes are kept in Caretaker's own bucket:
 * every later step deploys that copy, so nothing swapped at the source afterwards can get in.
 *
 * <p>A refusal fails the deployment with the refusal's name first ("TEMPLATE_MISMATCH: …"). On the
 * way back to the last known-good release, that release is verified the same way, except that going
 * back to an older version is the point and not a downgrade.
 */
public final class VerifyStep implements WorkflowStep {

    static final int MAX_MANIFEST_BYTES = 65_536;
    static final int MAX_SIGNATURE_BYTES = 16_384;

    private final ReleaseArtifacts artifacts;
    private final Function<TrustedKeys, ReleaseVerifier> verifiers;
    private final DeploymentRecords records;
    private final Supplier<CaretakerConfig> config;

    public VerifyStep(ReleaseArtifacts artifacts, Function<TrustedKeys, ReleaseVerifier> verifiers, DeploymentRecords records,
                      Supplier<CaretakerConfig> config) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
        this.records = Objects.requireNonNull(records, "records");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Map<String, Object> run(StepInput in) {
        Deployment deployment = records.open(in.deployment().deploymentId());
        boolean recovering = DeploymentRecords.recovering(deployment);
        String location = recovering ? String.valueOf(deployment.recovery().get("manifest")) : manifestOf(in, deployment);
        String version = recovering ? String.valueOf(deployment.recovery().get("version")) : deployment.version();
        StackPolicy policy = StackPolicy.of(config.get(), deployment.stack());
        records.step(deployment, TwoWayStep.VERIFY, "verifying " + deployment.stack() + " " + version + " from " + location);

        byte[] manifest = fetch(location, MAX_MANIFEST_BYTES).orElseThrow(() -> new PermanentFailure(
                "MANIFEST_MISSING: there is no release manifest at " + location));
        Optional<byte[]> signature = fetch(location + ".sig", MAX_SIGNATURE_BYTES);
        Optional<String> deployed = recovering ? Optional.empty()
                : records.store().lastSucceeded(deployment.stack()).map(Deployment::version);
        ReleaseVerifier verifier = verifiers.apply(TrustedKeys.of(policy.trustedKeys()));
        // The signature first: only a signed manifest may make Caretaker fetch anything from the location it names.
        String templateLocation = trusted(verifier.verify(manifest, location, signature, Optional.empty(), deployed))
                .manifest().templateLocation();
        byte[] template = fetch(templateLocation, KeptRelease.MAX_TEMPLATE_BYTES).orElseThrow(() -> new PermanentFailure(
                "TEMPLATE_MISSING: the signed manifest names the template " + templateLocation + ", and there is nothing there"));
        ReleaseVerdict.Trusted trusted = trusted(verifier.verify(manifest, location, signature, Optional.of(template), deployed));
        ReleaseManifest signed = trusted.manifest();
        if (!signed.stack().equals(deployment.stack()) || !signed.version().equals(version)) {
            throw new PermanentFailure("MANIFEST_MISMATCH: " + location + " is a signed release of " + signed.stack() + " "
                    + signed.version() + ", but this deployment is for " + deployment.stack() + " " + version
                    + ": the request named the wrong manifest. Nothing was deployed");
        }

        String kept = artifacts.keep("deployments/" + DeploymentRecords.operationId(deployment) + "/template", template);
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("version", signed.version());
        release.put("keyId", trusted.keyId());
        release.put("manifest", location);
        release.put("templateLocation", templateLocation);
        release.put("templateSha256", signed.templateSha256());
        release.put(KeptRelease.KEPT_TEMPLATE, kept);
        release.put("parameters", signed.parameters());
        release.put("capabilities", signed.capabilities());
        release.put("rollback", signed.rollback());
        Instant now = records.now();
        records.update(deployment.id(), current -> KeptRelease.withRelease(current, release, now)
                .withEvent("verify", signed.stack() + " " + signed.version() + " signed by trusted key " + trusted.keyId()
                        + ", template SHA-256 " + signed.templateSha256() + " matches; kept at " + kept, now));
        return Map.of("version", signed.version(), "keyId", trusted.keyId());
    }

    private static ReleaseVerdict.Trusted trusted(ReleaseVerdict verdict) {
        return switch (verdict) {
            case ReleaseVerdict.Refused refused -> throw new PermanentFailure(refused.reason() + ": " + refused.message());
            case ReleaseVerdict.Trusted ok -> ok;
        };
    }

    private Optional<byte[]> fetch(String location, int maxBytes) {
        try {
            return artifacts.fetch(location, maxBytes);
        } catch (ReleaseArtifactException e) {
            throw new PermanentFailure("RELEASE_UNREADABLE: " + e.getMessage());
        }
    }

    private static String manifestOf(StepInput in, Deployment deployment) {
        String manifest = deployment.manifest() != null ? deployment.manifest() : in.deployment().manifest();
        if (manifest == null) {
            throw new PermanentFailure("MALFORMED_MANIFEST: deployment " + deployment.id() + " names no manifest");
        }
        return manifest;
    }
}
