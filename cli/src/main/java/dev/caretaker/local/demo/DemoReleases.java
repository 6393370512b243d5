package dev.caretaker.local.demo;

import dev.caretaker.deployment.release.PemKeys;
import dev.caretaker.deployment.release.ReleaseManifest;
import dev.caretaker.deployment.release.ReleaseSigner;
import dev.caretaker.deployment.release.Sha256;
import dev.caretaker.deployment.release.SignatureAlgorithm;
import dev.caretaker.json.Json;
import dev.caretaker.local.ClasspathText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The vendor of the sandbox: signed releases of the demo's stacks, published where the local
 * deployment worker reads them ({@code s3://BUCKET/releases/STACK/VERSION/manifest.json}, its
 * {@code .sig} and {@code template.yaml}), signed with the TEST-ONLY key pair of
 * {@code examples/release} — which the local configuration trusts, and no real one ever should.
 * One release is tampered with after signing, as an attacker would.
 */
public final class DemoReleases {

    public static final String KEY_ID = "example-vendor-test-only";
    public static final String PRIVATE_KEY = "examples/release/TEST-ONLY-vendor-private-key.pem";
    public static final String PUBLIC_KEY = "examples/release/TEST-ONLY-vendor-public-key.pem";

    /** A release as published: what the manifest says, and whether the template is swapped after signing. */
    public record Release(String stack, String version, Map<String, String> parameters, List<String> capabilities,
                          boolean tampered) {

        public Release {
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(version, "version");
            parameters = Map.copyOf(parameters);
            capabilities = List.copyOf(capabilities);
        }

        public String resource() {
            return "releases/" + stack + "-" + version + ".yaml";
        }
    }

    /** The demo's catalogue, in the order the demo uses it. */
    public static final List<Release> RELEASES = List.of(
            new Release("app", "1.4.0", Map.of("Stage", "dev"), List.of(), false),
            new Release("app", "1.5.0", Map.of("Stage", "dev"), List.of(), false),
            new Release("app", "1.6.0", Map.of("Stage", "dev"), List.of(), false),
            new Release("app", "1.6.1", Map.of("Stage", "dev"), List.of(), true),
            new Release("reports", "1.0.0", Map.of(), List.of(), false),
            new Release("ledger", "2.1.0", Map.of(), List.of(), false),
            new Release("legacy", "2.0.0", Map.of(), List.of(), false));

    private DemoReleases() {
    }

    /** The manifest location of a release in {@code bucket}. */
    public static String manifest(String bucket, String stack, String version) {
        return "s3://" + bucket + "/releases/" + stack + "/" + version + "/manifest.json";
    }

    /** A demo template's text, as the sandbox runs it or the vendor publishes it. */
    public static String template(String resource) {
        return ClasspathText.read(DemoReleases.class, resource);
    }

    /**
     * Signs and publishes every release: {@code put} receives each object's key and bytes.
     *
     * @param repositoryRoot where {@value #PRIVATE_KEY} is
     */
    public static void publish(String bucket, Path repositoryRoot, BiConsumer<String, byte[]> put) {
        PrivateKey key;
        try {
            key = PemKeys.privateKey(Files.readString(repositoryRoot.resolve(PRIVATE_KEY)), PRIVATE_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's test-only signing key " + PRIVATE_KEY, e);
        }
        for (Release release : RELEASES) {
            String prefix = "releases/" + release.stack() + "/" + release.version() + "/";
            byte[] template = template(release.resource()).getBytes(StandardCharsets.UTF_8);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("stack", release.stack());
            manifest.put("version", release.version());
            manifest.put("template", Map.of("location", "s3://" + bucket + "/" + prefix + "template.yaml",
                    "sha256", Sha256.hex(template)));
            manifest.put("parameters", release.parameters());
            manifest.put("capabilities", release.capabilities());
            byte[] manifestBytes = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
            byte[] signature = ReleaseSigner.sign(ReleaseManifest.parse(manifestBytes, prefix + "manifest.json"), key, KEY_ID,
                    SignatureAlgorithm.ECDSA_SHA_256).toJson();
            put.accept(prefix + "manifest.json", manifestBytes);
            put.accept(prefix + "manifest.json.sig", signature);
            // The tampered release's template is changed after signing: its hash no longer matches the manifest's.
            put.accept(prefix + "template.yaml", release.tampered()
                    ? (new String(template, StandardCharsets.UTF_8) + "  Backdoor:\n    Type: AWS::IAM::User\n")
                            .getBytes(StandardCharsets.UTF_8)
                    : template);
        }
    }
}
