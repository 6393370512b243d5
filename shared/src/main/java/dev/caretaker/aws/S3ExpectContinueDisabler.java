package dev.caretaker.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops the {@code Expect: 100-continue} header the S3 client puts on uploads. With the
 * UrlConnection HTTP client that handshake intermittently fails with "Unexpected end of file from
 * server" as an UncheckedIOException the SDK does not retry (aws-sdk-java-v2 issue 6670, fixed
 * only after the SDK version pinned here); seen here on empty-object uploads to s3proxy. Our
 * objects are small, so skipping the handshake costs nothing.
 */
public final class S3ExpectContinueDisabler implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Expect").isPresent() ? request.toBuilder().removeHeader("Expect").build() : request;
    }
}
