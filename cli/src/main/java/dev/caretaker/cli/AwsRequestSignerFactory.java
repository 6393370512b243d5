package dev.caretaker.cli;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Loopback APIs (the local runtime) get plain requests; any other API is taken to be a deployed
 * API Gateway, whose status routes are IAM-authorised, and gets SigV4-signed requests.
 *
 * <p>Region: {@code --region}, else {@code AWS_REGION}, else the region in an
 * {@code <id>.execute-api.<region>.amazonaws.com} host. Credentials: {@code --profile}, else the
 * SDK's default chain (environment, {@code AWS_PROFILE} and the ~/.aws files, container, instance profile).
 */
public final class AwsRequestSignerFactory implements RequestSignerFactory {

    public static final String REGION_VARIABLE = "AWS_REGION";

    private static final Pattern EXECUTE_API_HOST =
            Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private final Map<String, String> environment;
    private final Clock clock;
    private final Predicate<URI> needsSigning;
    private final Function<Optional<String>, AwsCredentialsProvider> credentials;

    public AwsRequestSignerFactory(Map<String, String> environment, Clock clock) {
        this(environment, clock, api -> !LoopbackHost.isLoopback(api), AwsRequestSignerFactory::credentialsFor);
    }

    /**
     * For tests: which APIs are signed (so a loopback stub can stand in for API Gateway) and where
     * credentials come from (static test keys instead of the machine's).
     */
    AwsRequestSignerFactory(Map<String, String> environment, Clock clock, Predicate<URI> needsSigning,
                            Function<Optional<String>, AwsCredentialsProvider> credentials) {
        this.environment = Map.copyOf(environment);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.needsSigning = Objects.requireNonNull(needsSigning, "needsSigning");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public RequestSigner forApi(URI api, Optional<String> region, Optional<String> profile) {
        if (!needsSigning.test(api)) {
            return RequestSigner.unsigned();
        }
        String signingRegion = region.filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.get(REGION_VARIABLE)).filter(value -> !value.isBlank()))
                .or(() -> regionInHost(api))
                .orElseThrow(() -> new UsageError("requests to " + api + " are signed for AWS and no region is known:"
                        + " pass --region or set " + REGION_VARIABLE))
                .trim();
        String source = profile.map(name -> "profile '" + name + "'").orElse("the default credential chain");
        return new AwsSigV4RequestSigner(credentials.apply(profile), source, signingRegion, clock);
    }

    static Optional<String> regionInHost(URI api) {
        String host = api.getHost();
        if (host == null) {
            return Optional.empty();
        }
        Matcher matcher = EXECUTE_API_HOST.matcher(host);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static AwsCredentialsProvider credentialsFor(Optional<String> profile) {
        return profile.<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
