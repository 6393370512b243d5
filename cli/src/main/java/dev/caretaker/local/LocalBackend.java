package dev.caretaker.local;

import java.net.URI;
import java.util.Objects;

/** Where the local system's DynamoDB, SQS and S3 live. */
public sealed interface LocalBackend {

    /** DynamoDB Local, ElasticMQ and s3proxy in this process: no Docker, no account. */
    record Embedded() implements LocalBackend {
    }

    /** A running LocalStack, e.g. http://127.0.0.1:4566, for the services it implements. */
    record LocalStack(URI endpoint) implements LocalBackend {
        public LocalStack {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }
}
