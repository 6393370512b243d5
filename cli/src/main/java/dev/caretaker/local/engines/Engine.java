package dev.caretaker.local.engines;

/** The engines the local runtime starts, with the name people know them by. */
public enum Engine {
    DYNAMODB("DynamoDB Local", "DYNAMODB"),
    SQS("ElasticMQ", "SQS"),
    S3("s3proxy", "S3");

    private final String displayName;
    private final String serviceId;

    Engine(String displayName, String serviceId) {
        this.displayName = displayName;
        this.serviceId = serviceId;
    }

    /** What progress and error messages call it, e.g. "DynamoDB Local". */
    public String displayName() {
        return displayName;
    }

    /** The AWS service it stands in for, as in {@code AWS_ENDPOINT_URL_<serviceId>}. */
    public String serviceId() {
        return serviceId;
    }
}
