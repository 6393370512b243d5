package dev.caretaker.orchestrator.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a release's fields must look like. Each rule returns what is wrong (empty when nothing is),
 * so the caller can put the field's name in front of it.
 */
public final class ReleaseFieldRules {

    // CloudFormation: starts with a letter, then letters, digits and hyphens, at most 128 characters.
    private static final Pattern STACK = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    // Semver-ish: MAJOR.MINOR[.PATCH] with optional -pre-release and +build parts.
    private static final Pattern VERSION =
            Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8}))?"
                    + "(-[0-9A-Za-z.-]{1,64})?(\\+[0-9A-Za-z.-]{1,64})?");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_MANIFEST_CHARS = 2048;

    private ReleaseFieldRules() {
    }

    public static Optional<String> stackProblem(String stack) {
        if (STACK.matcher(stack).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + shorten(stack) + "' is not a CloudFormation stack name"
                + " (a letter, then letters, digits or hyphens, at most 128 characters)");
    }

    public static Optional<String> versionProblem(String version) {
        if (VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + shorten(version) + "' is not a version like 1.4.0 or 2.0.0-rc.1");
    }

    public static Optional<String> manifestProblem(String manifest) {
        if (manifest.length() > MAX_MANIFEST_CHARS) {
            return Optional.of("longer than " + MAX_MANIFEST_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(manifest);
        } catch (URISyntaxException e) {
            return Optional.of("'" + shorten(manifest) + "' is not a URI");
        }
        String scheme = uri.getScheme();
        if ("s3".equals(scheme)) {
            String bucket = uri.getAuthority();
            String key = uri.getPath();
            if (bucket == null || !S3_BUCKET.matcher(bucket).matches() || key == null || key.length() <= 1) {
                return Optional.of("'" + shorten(manifest) + "' is not an S3 object URI like s3://bucket/path/manifest.json");
            }
            return Optional.empty();
        }
        if ("https".equals(scheme)) {
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.of("'" + shorten(manifest) + "' is not an https URL with a host");
            }
            return Optional.empty();
        }
        return Optional.of("'" + shorten(manifest) + "' must be an s3:// or https:// URI");
    }

    /** Echoing a sender's value helps them, but only a bounded piece of it. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
