package dev.caretaker.orchestrator.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts SDK failures into "try again later" and "will not work until someone changes something".
 * The first become 503s, so the webhook sender's retry delivers the same request again; the second
 * become 500s and an error log line, because retrying cannot fix a missing permission.
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** True for AWS failures worth retrying; false for anything else, including errors that are not the SDK's. */
    public static boolean isTransient(Throwable error) {
        if (!(error instanceof SdkException sdk)) {
            return false;
        }
        if (sdk instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429;
        }
        // No answer from the service at all: a timeout, a reset connection, DNS.
        return sdk instanceof SdkClientException || sdk.retryable();
    }

    /** The AWS error code when there is one ("ThrottlingException"), else the exception's simple name; never a message. */
    public static String code(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }
}
