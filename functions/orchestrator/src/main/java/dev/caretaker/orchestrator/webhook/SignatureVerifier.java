package dev.caretaker.orchestrator.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks webhook signatures (HMAC-SHA256) in the two forms Caretaker accepts.
 *
 * <ul>
 *   <li>Caretaker's own: {@code X-Caretaker-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]} over
 *       {@code "<t>." + body}. Several v1 values let a sender sign with the old and the new secret
 *       while a secret is being rotated; the timestamp bounds how long a captured request stays usable.</li>
 *   <li>GitHub's: {@code X-Hub-Signature-256: sha256=<hex>} over the body. It carries no timestamp,
 *       so replay protection for GitHub rests on the delivery id alone.</li>
 * </ul>
 *
 * <p>Digests are compared as bytes with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference lies, and every candidate is compared (no early exit) so timing
 * does not reveal which secret or which value matched.
 */
public final class SignatureVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final String GITHUB_PREFIX = "sha256=";
    // A sender rotating secrets needs two or three; more than this is noise or an attempt to make us hash a lot.
    private static final int MAX_SIGNATURES = 8;

    private final Clock clock;
    private final Duration tolerance;

    public SignatureVerifier(Clock clock, Duration tolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
        }
    }

    public SignatureVerifier(Clock clock) {
        this(clock, DEFAULT_TOLERANCE);
    }

    public SignatureCheck verifyCaretaker(String header, byte[] body, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return new SignatureCheck.Missing();
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String element : header.split(",", -1)) {
            int equals = element.indexOf('=');
            if (equals <= 0) {
                return new SignatureCheck.Malformed();
            }
            String key = element.substring(0, equals).trim();
            String value = element.substring(equals + 1).trim();
            switch (key) {
                case "t" -> {
                    if (timestamp != null || !UNIX_SECONDS.matcher(value).matches()) {
                        return new SignatureCheck.Malformed();
                    }
                    timestamp = value;
                }
                case "v1" -> {
                    if (!HEX_SHA256.matcher(value).matches() || signatures.size() == MAX_SIGNATURES) {
                        return new SignatureCheck.Malformed();
                    }
                    signatures.add(HexFormat.of().parseHex(value));
                }
                default -> {
                    // Other schemes (v0, a future v2) are skipped, so a sender can add one before we support it.
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return new SignatureCheck.Malformed();
        }
        long signedAt = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - signedAt) > tolerance.toSeconds()) {
            return new SignatureCheck.Stale();
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return anyMatches(signatures, secrets, prefix, body);
    }

    public SignatureCheck verifyGitHub(String header, byte[] body, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return new SignatureCheck.Missing();
        }
        String value = header.trim();
        if (!value.startsWith(GITHUB_PREFIX) || !HEX_SHA256.matcher(value.substring(GITHUB_PREFIX.length())).matches()) {
            return new SignatureCheck.Malformed();
        }
        byte[] signature = HexFormat.of().parseHex(value.substring(GITHUB_PREFIX.length()));
        return anyMatches(List.of(signature), secrets, new byte[0], body);
    }

    private static SignatureCheck anyMatches(List<byte[]> signatures, List<String> secrets, byte[] prefix, byte[] body) {
        boolean matched = false;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue; // an empty HMAC key would make a signature anyone can compute
            }
            byte[] expected = hmac(secret, prefix, body);
            for (byte[] signature : signatures) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched ? new SignatureCheck.Valid() : new SignatureCheck.Mismatch();
    }

    static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /** The header value a sender computes; used by tests and by tools that sign requests. */
    public static String caretakerHeader(long unixSeconds, byte[] body, String... secrets) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        for (String secret : secrets) {
            header.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, prefix, body)));
        }
        return header.toString();
    }

    public static String gitHubHeader(byte[] body, String secret) {
        return GITHUB_PREFIX + HexFormat.of().formatHex(hmac(secret, new byte[0], body));
    }
}
