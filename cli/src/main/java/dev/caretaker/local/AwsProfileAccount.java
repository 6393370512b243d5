package dev.caretaker.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The real account a named profile signs into, for {@code caretaker local --backend aws}. The
 * profile's region is the account's region; its {@code endpoint_url}, when set (a VPC endpoint, a
 * proxy), is where the account's APIs are called. The credentials are proven with STS
 * GetCallerIdentity before anything starts, so a wrong or expired profile fails at once, not at
 * the first scheduled check.
 */
final class AwsProfileAccount {

    private AwsProfileAccount() {
    }

    static AwsAccountAccess connect(LocalBackend.Aws backend) {
        ProfileFile profiles = profileFile(backend.files());
        String name = backend.profile();
        Profile profile = profiles.profile(name).orElseThrow(() -> new AwsProfileException("no profile '" + name + "' in "
                + describe(backend.files()) + "; profiles there: " + profiles.profiles().keySet()));
        String region = profile.property("region").filter(value -> !value.isBlank()).orElseThrow(() -> new AwsProfileException(
                "profile '" + name + "' names no region: add 'region = <region>' to it in " + describe(backend.files())));
        Optional<URI> endpoint = profile.property("endpoint_url").filter(value -> !value.isBlank()).map(URI::create);
        AwsCredentialsProvider credentials = ProfileCredentialsProvider.builder().profileFile(profiles).profileName(name).build();

        GetCallerIdentityResponse caller = callerIdentity(name, region, endpoint, credentials);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoint.ifPresent(uri -> AwsAccountAccess.ACCOUNT_SERVICES.forEach(service ->
                endpoints.put("AWS_ENDPOINT_URL_" + service, uri.toString())));
        return new AwsAccountAccess(caller.account(), region, AwsAccountAccess.ACCOUNT_SERVICES, endpoints, credentials,
                "account " + caller.account() + " in " + region + " as " + caller.arn() + " (profile " + name + ")"
                        + endpoint.map(uri -> " through " + uri).orElse(""));
    }

    private static GetCallerIdentityResponse callerIdentity(String name, String region, Optional<URI> endpoint,
                                                            AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        try (StsClient sts = builder.build()) {
            return sts.getCallerIdentity();
        } catch (SdkException e) {
            throw new AwsProfileException("profile '" + name + "' cannot call AWS (STS GetCallerIdentity in " + region + "): "
                    + e.getMessage(), e);
        }
    }

    private static ProfileFile profileFile(LocalBackend.ProfileFiles files) {
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        files.config().filter(Files::isRegularFile).ifPresent(path ->
                aggregator.addFile(ProfileFile.builder().content(path).type(ProfileFile.Type.CONFIGURATION).build()));
        files.credentials().filter(Files::isRegularFile).ifPresent(path ->
                aggregator.addFile(ProfileFile.builder().content(path).type(ProfileFile.Type.CREDENTIALS).build()));
        return aggregator.build();
    }

    private static String describe(LocalBackend.ProfileFiles files) {
        return files.config().map(Path::toString).orElse("(no config file)") + " and "
                + files.credentials().map(Path::toString).orElse("(no credentials file)");
    }

    /** The profile cannot be used: missing, incomplete, or refused by AWS. */
    static final class AwsProfileException extends RuntimeException {
        AwsProfileException(String message) {
            super(message);
        }

        AwsProfileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
