package dev.caretaker.local;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the functions reach the account's own APIs, the ones Caretaker watches and changes rather
 * than stores its state in: where they answer and as whom. Locally that is either the scripted
 * sandbox account or a real account through a named profile.
 *
 * @param accountId   the account's id, which ARNs minted locally carry
 * @param region      the account's region, which every local client uses
 * @param services    the SDK service ids (as in {@code AwsClientFactory.build}) that belong to the account
 * @param endpoints   endpoint overrides for those services ({@code AWS_ENDPOINT_URL_<SERVICE>}); none for AWS itself
 * @param credentials who the account's APIs are called as
 * @param description how progress names the account
 */
record AwsAccountAccess(String accountId, String region, Set<String> services, Map<String, String> endpoints,
                        AwsCredentialsProvider credentials, String description) {

    /** The services the sandbox answers and a real account is reached for. */
    static final Set<String> ACCOUNT_SERVICES =
            Set.of("CLOUDFORMATION", "COST_EXPLORER", "STS", "IAM", "CLOUDWATCH", "SERVICE_QUOTAS", "KMS");

    AwsAccountAccess {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        services = Set.copyOf(services);
        endpoints = Map.copyOf(endpoints);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(description, "description");
    }
}
