package dev.caretaker.deployment.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names and idempotency tokens derived from a deployment id, so that every retry of a step sends
 * the same ones and CloudFormation recognises the repeat. CloudFormation allows
 * {@code [a-zA-Z][-a-zA-Z0-9]*} up to 128 characters for change set names and request tokens; an
 * id that does not fit is replaced by a hash of itself, which stays deterministic.
 */
public final class DeploymentTokens {

    private static final Pattern FITS = Pattern.compile("[-a-zA-Z0-9]{1,80}");

    private DeploymentTokens() {
    }

    public static String changeSetName(String deploymentId) {
        return "caretaker-" + slug(deploymentId);
    }

    /** CreateChangeSet's ClientToken. */
    public static String createToken(String deploymentId) {
        return changeSetName(deploymentId) + "-create";
    }

    /** ExecuteChangeSet's ClientRequestToken; it also marks every stack event the execution causes. */
    public static String executeToken(String deploymentId) {
        return changeSetName(deploymentId) + "-execute";
    }

    public static String continueRollbackToken(String deploymentId, int attempt) {
        return changeSetName(deploymentId) + "-continue-rollback-" + attempt;
    }

    private static String slug(String deploymentId) {
        if (FITS.matcher(deploymentId).matches()) {
            return deploymentId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deploymentId.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
