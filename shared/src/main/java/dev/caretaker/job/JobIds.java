package dev.caretaker.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Job ids are derived from type and trigger, never random: a duplicate trigger maps to the same id
 * and the conditional create turns it into a no-op.
 *
 * <p>Ids are {@code <prefix>-<24 hex>}: URL-safe, valid as a Step Functions execution name
 * (≤ 80 chars of [A-Za-z0-9-_]) and 96 bits of SHA-256, so collisions are not a practical concern.
 */
public final class JobIds {

    private static final int HEX_CHARS = 24;

    private JobIds() {
    }

    public static String of(JobType type, JobTrigger trigger) {
        return type.idPrefix() + "-" + digest(type.name() + "|" + trigger.key());
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** True for strings shaped like an id this class makes; used to reject junk in API paths early. */
    public static boolean looksValid(String id) {
        return id != null && id.matches("[a-z]+-[0-9a-f]{" + HEX_CHARS + "}");
    }
}
