package dev.caretaker.local;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The account everything local pretends to be: one account id, one region and one key pair,
 * shared by the engines, the resources created on them, the event bus and the sandbox, so an ARN
 * minted by one of them is recognised by the others.
 *
 * <p>The account id is all zeros, which no real account has, so a local ARN can never be mistaken
 * for one in a customer's account.
 */
public record LocalAccount(String accountId, String region, String accessKeyId, String secretAccessKey) {

    public static final String ACCOUNT_ID = "000000000000";
    /** DynamoDB Local accepts only letters and digits in an access key id. */
    public static final String ACCESS_KEY_ID = "caretakerlocal";
    public static final String SECRET_ACCESS_KEY = "caretakerlocalsecret";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]+");

    public LocalAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an account id is 12 digits, was '" + accountId + "'");
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        if (!KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("DynamoDB Local accepts only letters and digits in an access key id, was '"
                    + accessKeyId + "'");
        }
    }

    /** The local account in {@code region}. */
    public static LocalAccount in(String region) {
        return new LocalAccount(ACCOUNT_ID, region, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
