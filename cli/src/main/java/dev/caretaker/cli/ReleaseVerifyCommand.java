package dev.caretaker.cli;

import dev.caretaker.deployment.release.PemKeys;
import dev.caretaker.deployment.release.ReleaseSignature;
import dev.caretaker.deployment.release.ReleaseVerdict;
import dev.caretaker.deployment.release.ReleaseVerifier;
import dev.caretaker.deployment.release.TrustedKey;
import dev.caretaker.deployment.release.TrustedKeys;
import dev.caretaker.json.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker release verify}: the checks the deployment workflow makes before it deploys a
 * release, on files at hand. Exit 0 when the release would be trusted, 1 when it would be
 * refused (the message says why and what to do), 2 for a wrong command line.
 */
@Command(
        name = "verify",
        description = "Verify a signed release manifest as the deployment workflow does.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./caretaker release verify --public-key vendor.pub.pem --template template.yaml manifest.json",
                "  ./caretaker release verify --trusted-keys config/base.yaml --deployed-version 1.3.2 manifest.json"})
final class ReleaseVerifyCommand implements Callable<Integer> {

    static final class Keys {
        @Option(names = "--public-key", required = true, paramLabel = "PEM",
                description = "Trust this public key (SubjectPublicKeyInfo PEM), under the id the signature names unless --key-id is given.")
        Path publicKey;

        @Option(names = "--trusted-keys", required = true, paramLabel = "FILE",
                description = "YAML or JSON with the configuration's trusted keys: a list of {id, publicKey} / {id, kmsKeyId},"
                        + " or a document with trustedKeys or deployment.trustedKeys.")
        Path trustedKeys;
    }

    @Mixin
    HelpOption help;

    @Mixin
    OutputOption output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Keys keys;

    @Option(names = "--key-id", paramLabel = "ID", description = "With --public-key: the id to trust it under.")
    String keyId;

    @Option(names = "--template", paramLabel = "FILE", description = "The template to check against the manifest's SHA-256.")
    Path template;

    @Option(names = "--signature", paramLabel = "FILE", description = "The detached signature. Default: MANIFEST.sig.")
    Path signatureFile;

    @Option(names = "--deployed-version", paramLabel = "VERSION",
            description = "The version the stack runs now: an older release is refused unless it is an explicit rollback.")
    String deployedVersion;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region of KMS trusted keys given by id or alias. Default: the SDK's ($AWS_REGION, profile).")
    String region;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The release manifest (JSON).")
    Path manifestFile;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ReleaseVerifyCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        // Every file the command line names, before anything is read or asked of KMS. The default MANIFEST.sig is not
        // named: its absence is an unsigned release (exit 1).
        InputFiles.requireExisting(manifestFile, "manifest");
        if (signatureFile != null) {
            InputFiles.requireExisting(signatureFile, "signature (--signature)");
        }
        if (template != null) {
            InputFiles.requireExisting(template, "template");
        }
        if (keys.trustedKeys != null) {
            InputFiles.requireExisting(keys.trustedKeys, "trusted keys file");
        } else {
            InputFiles.requireExisting(keys.publicKey, "public key");
        }
        byte[] manifest = ReleaseFiles.read(manifestFile, "manifest");
        Path signaturePath = signatureFile != null ? signatureFile : ReleaseFiles.signatureOf(manifestFile);
        Optional<byte[]> signature = ReleaseFiles.readIfPresent(signaturePath, "signature");
        Optional<byte[]> templateBytes = Optional.ofNullable(template).map(file -> ReleaseFiles.read(file, "template"));

        try (KmsVerifierFactory kms = new KmsVerifierFactory(context.environment(), region)) {
            ReleaseVerifier verifier = new ReleaseVerifier(trustedKeys(signature), kms.lazyVerifier());
            ReleaseVerdict verdict = verifier.verify(manifest, manifestFile.toString(), signature, templateBytes,
                    Optional.ofNullable(deployedVersion));
            return report(verdict);
        }
    }

    private TrustedKeys trustedKeys(Optional<byte[]> signature) {
        try {
            if (keys.trustedKeys != null) {
                return TrustedKeysFile.read(keys.trustedKeys);
            }
            String pem = new String(ReleaseFiles.read(keys.publicKey, "public key"), StandardCharsets.US_ASCII);
            String id = keyId != null ? keyId : signature.map(this::signedKeyId).orElse("public-key");
            return new TrustedKeys(List.of(new TrustedKey.Pem(id, PemKeys.publicKey(pem, keys.publicKey.toString()))));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /** The id the signature names, or a placeholder the verifier will report the signature under anyway. */
    private String signedKeyId(byte[] signature) {
        try {
            return ReleaseSignature.parse(signature, "signature").keyId();
        } catch (IllegalArgumentException unreadable) {
            return "public-key";
        }
    }

    private int report(ReleaseVerdict verdict) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> document = new LinkedHashMap<>();
        int exitCode;
        switch (verdict) {
            case ReleaseVerdict.Trusted trusted -> {
                document.put("valid", true);
                document.put("stack", trusted.manifest().stack());
                document.put("version", trusted.manifest().version());
                document.put("rollback", trusted.manifest().rollback());
                document.put("keyId", trusted.keyId());
                document.put("templateChecked", trusted.templateChecked());
                if (output.format() == OutputFormat.TABLE) {
                    out.println("valid: " + trusted.manifest().stack() + " " + trusted.manifest().version()
                            + (trusted.manifest().rollback() ? " (explicit rollback)" : "") + ", signed with trusted key "
                            + trusted.keyId() + (trusted.templateChecked() ? ", template SHA-256 matches"
                            : "; template not checked (pass --template FILE to check it)"));
                }
                exitCode = ExitCodes.OK;
            }
            case ReleaseVerdict.Refused refused -> {
                document.put("valid", false);
                document.put("reason", refused.reason().name());
                document.put("message", refused.message());
                err.println("caretaker: release refused (" + refused.reason() + "): " + refused.message());
                exitCode = ExitCodes.ERROR;
            }
        }
        if (output.format() == OutputFormat.JSON) {
            out.println(Json.write(document));
        }
        out.flush();
        err.flush();
        return exitCode;
    }
}
