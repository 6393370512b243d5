package dev.caretaker.config;

/** Port: where the effective configuration of this environment is stored (SSM Parameter Store, S3). */
public interface ConfigSource {

    /** The stored document and its version; throws {@link ConfigSourceException} when it cannot be read. */
    StoredConfig fetch();

    /** Names the source in messages and locations, e.g. {@code ssm:/caretaker/acme/prod/config}. */
    String describe();

    /** One stored version of the document. {@code version} changes whenever the text does. */
    record StoredConfig(String version, String text) {
    }

    /** The source could not be read (not found, denied, unreachable). */
    final class ConfigSourceException extends RuntimeException {
        public ConfigSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
