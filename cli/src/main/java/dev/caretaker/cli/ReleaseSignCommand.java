package dev.caretaker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caretaker.deployment.release.ManifestException;
import dev.caretaker.deployment.release.PemKeys;
import dev.caretaker.deployment.release.ReleaseManifest;
import dev.caretaker.deployment.release.ReleaseSignature;
import dev.caretaker.deployment.release.ReleaseSigner;
import dev.caretaker.deployment.release.Sha256;
import dev.caretaker.deployment.release.SignatureAlgorithm;
import dev.caretaker.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker release sign}: what a vendor's release pipeline runs. Writes the detached
 * signature next to the manifest; with {@code --template}, first makes sure the manifest records
 * that template's SHA-256 (filling it in when the manifest has none).
 */
@Command(
        name = "sign",
        description = "Sign a release manifest with a PEM private key (PKCS#8; EC P-256 or RSA >= 2048 bits).",
        footerHeading = "%nExample:%n",
        footer = "  ./caretaker release sign --key vendor.pem --key-id vendor-2026 --template template.yaml manifest.json")
final class ReleaseSignCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--key", required = true, paramLabel = "PEM", description = "The private key file (PKCS#8 PEM, unencrypted).")
    Path key;

    @Option(names = "--key-id", required = true, paramLabel = "ID",
            description = "The id customers know this key by (their deployment.trustedKeys[].id).")
    String keyId;

    @Option(names = "--template", paramLabel = "FILE",
            description = "The release's template: its SHA-256 is written into the manifest if missing, and must match if present.")
    Path template;

    @Option(names = "--algorithm", paramLabel = "ALG",
            description = "ECDSA_SHA_256 (EC keys), RSASSA_PKCS1_V1_5_SHA_256 or RSASSA_PSS_SHA_256 (RSA keys)."
                    + " Default: ECDSA_SHA_256 for EC, RSASSA_PKCS1_V1_5_SHA_256 for RSA.")
    String algorithm;

    @Option(names = "--signature", paramLabel = "FILE", description = "Where to write the signature. Default: MANIFEST.sig.")
    Path signatureFile;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The release manifest (JSON).")
    Path manifestFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InputFiles.requireExisting(key, "key");
        InputFiles.requireExisting(manifestFile, "manifest");
        if (template != null) {
            InputFiles.requireExisting(template, "template");
        }
        PrivateKey privateKey;
        try {
            privateKey = PemKeys.privateKey(new String(ReleaseFiles.read(key, "key"), StandardCharsets.US_ASCII), key.toString());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
        SignatureAlgorithm chosen = chosenAlgorithm(privateKey);
        byte[] manifestBytes = ReleaseFiles.read(manifestFile, "manifest");
        if (template != null) {
            manifestBytes = withTemplateHash(manifestBytes, Sha256.hex(ReleaseFiles.read(template, "template")), out);
        }
        ReleaseManifest manifest;
        try {
            manifest = ReleaseManifest.parse(manifestBytes, manifestFile.toString());
        } catch (ManifestException e) {
            throw new CliFailure(e.getMessage());
        }
        ReleaseSignature signature = ReleaseSigner.sign(manifest, privateKey, keyId, chosen);
        Path target = signatureFile != null ? signatureFile : ReleaseFiles.signatureOf(manifestFile);
        ReleaseFiles.write(target, signature.toJson(), "signature");
        out.println("signed " + manifest.stack() + " " + manifest.version() + " with key " + keyId + " (" + chosen + "): " + target);
        out.flush();
        return ExitCodes.OK;
    }

    private SignatureAlgorithm chosenAlgorithm(PrivateKey privateKey) {
        if (algorithm == null) {
            return SignatureAlgorithm.defaultFor(privateKey);
        }
        SignatureAlgorithm named;
        try {
            named = SignatureAlgorithm.parse(algorithm);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --algorithm: " + e.getMessage());
        }
        if (!named.fits(privateKey)) {
            throw new ParameterException(spec.commandLine(), "--algorithm " + named + " does not fit the "
                    + privateKey.getAlgorithm() + " key in " + key);
        }
        return named;
    }

    /** Fills in template.sha256 when absent (rewriting the manifest file), refuses when it differs. */
    private byte[] withTemplateHash(byte[] manifestBytes, String actual, PrintWriter out) {
        JsonNode recorded;
        try {
            recorded = Json.mapper().readTree(manifestBytes).path("template").path("sha256");
        } catch (IOException e) {
            throw new CliFailure(manifestFile + ": not valid JSON: " + e.getMessage());
        }
        if (recorded.isMissingNode() || recorded.isNull()) {
            byte[] filled;
            try {
                filled = ReleaseManifest.withTemplateSha256(manifestBytes, actual, manifestFile.toString());
            } catch (ManifestException e) {
                throw new CliFailure(e.getMessage());
            }
            ReleaseFiles.write(manifestFile, filled, "manifest");
            out.println("recorded template SHA-256 " + actual + " in " + manifestFile);
            return filled;
        }
        if (!actual.equals(recorded.asText())) {
            throw new CliFailure("not signed: " + template + " has SHA-256 " + actual + " but " + manifestFile
                    + " records " + recorded.asText() + "; sign the template the manifest describes, or remove"
                    + " template.sha256 to record this one");
        }
        return manifestBytes;
    }
}
