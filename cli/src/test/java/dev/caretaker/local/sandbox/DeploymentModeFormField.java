package dev.caretaker.local.sandbox;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;

/**
 * Test-only: adds the form field {@code DeploymentMode=REVERT_DRIFT} to each CreateChangeSet, the
 * way an adapter for an SDK without the field would. With the query protocol the SDK still holds
 * the form as query parameters when interceptors run (a later stage moves them into the body), so
 * the field is added as one of them; a body appended in {@code modifyHttpContent} is empty there
 * and would be thrown away. (SDK 2.40.2 has the field itself: {@code deploymentMode(REVERT_DRIFT)}.)
 */
final class DeploymentModeFormField implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof CreateChangeSetRequest)) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().putRawQueryParameter("DeploymentMode", "REVERT_DRIFT").build();
    }
}
