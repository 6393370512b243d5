package dev.caretaker.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --api URL}: which Caretaker API a command talks to. */
final class ApiOption {

    static final String VARIABLE = "CARETAKER_API";
    static final String LOCAL_RUNTIME = "http://127.0.0.1:3000";

    @Option(names = "--api", paramLabel = "URL",
            description = "The Caretaker API: a deployed stack's ApiUrl output, or the local runtime."
                    + " Default: $" + VARIABLE + ", else " + LOCAL_RUNTIME + " (./caretaker local).")
    String url;

    /**
     * A client of the API this option names, signing requests to a deployed API with the credentials
     * of {@code aws} (--profile, --region); the local runtime's are sent unsigned.
     */
    ApiClient open(CliContext context, AwsOptions aws) {
        URI base = resolve(context.environment());
        return new ApiClient(base, context.signers().forApi(base, aws.region(), aws.profile()));
    }

    /** @throws UsageError when the URL (from --api or CARETAKER_API) is not an absolute http(s) URL */
    URI resolve(Map<String, String> environment) {
        String from = "--api";
        String value = url;
        if (value == null) {
            value = environment.get(VARIABLE);
            from = VARIABLE;
        }
        if (value == null || value.isBlank()) {
            return URI.create(LOCAL_RUNTIME);
        }
        return parse(value, from);
    }

    /**
     * @param from where the value came from (an option or a variable), for the message
     * @throws UsageError when the value is not an absolute http(s) URL without query or fragment
     */
    static URI parse(String value, String from) {
        try {
            URI uri = new URI(value.trim());
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, in the same words as any other unusable URL
        }
        throw new UsageError("invalid API URL '" + value + "' (" + from + "): expected http(s)://host[:port][/stage]");
    }
}
