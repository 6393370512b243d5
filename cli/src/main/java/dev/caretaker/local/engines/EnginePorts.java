package dev.caretaker.local.engines;

/**
 * The loopback port each engine listens on; 0 lets the system pick a free one, which is what
 * tests and a second local runtime on the same machine want.
 */
public record EnginePorts(int dynamoDb, int sqs, int s3) {

    /** Every engine on a port the system picks. */
    public static final EnginePorts ANY = new EnginePorts(0, 0, 0);

    public EnginePorts {
        check(Engine.DYNAMODB, dynamoDb);
        check(Engine.SQS, sqs);
        check(Engine.S3, s3);
    }

    public int of(Engine engine) {
        return switch (engine) {
            case DYNAMODB -> dynamoDb;
            case SQS -> sqs;
            case S3 -> s3;
        };
    }

    private static void check(Engine engine, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(engine.displayName() + " port must be 0 (any) or 1-65535, was " + port);
        }
    }
}
