package dev.caretaker.deployment.stack;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The template CloudFormation is given. A deployment passes the very bytes it verified: inline when
 * they fit CloudFormation's TemplateBody limit, otherwise a copy in Caretaker's own bucket, so that
 * nobody can swap the template between verification and execution.
 */
public sealed interface TemplateSource {

    /** CloudFormation's limit for TemplateBody, in bytes; larger templates must come from S3. */
    int MAX_BODY_BYTES = 51_200;

    record Body(String text) implements TemplateSource {
        public Body {
            Objects.requireNonNull(text, "text");
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("a template body is at most " + MAX_BODY_BYTES
                        + " bytes; pass a larger template by URL");
            }
        }
    }

    /** An https:// URL of the template in S3, as CloudFormation's TemplateURL takes it. */
    record Url(String url) implements TemplateSource {
        public Url {
            Objects.requireNonNull(url, "url");
        }
    }
}
