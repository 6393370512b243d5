package dev.caretaker.config;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The effective configuration as one SSM parameter (String or SecureString, decrypted with the
 * Caretaker key). The parameter's version number is the configuration's version. A standard
 * parameter holds 4 KB and an advanced one 8 KB; a larger configuration belongs in S3.
 */
public final class SsmConfigSource implements ConfigSource {

    private final SsmClient ssm;
    private final String parameterName;

    public SsmConfigSource(SsmClient ssm, String parameterName) {
        this.ssm = ssm;
        this.parameterName = parameterName;
    }

    @Override
    public StoredConfig fetch() {
        try {
            GetParameterResponse response = ssm.getParameter(request -> request.name(parameterName).withDecryption(true));
            Parameter parameter = response.parameter();
            return new StoredConfig(String.valueOf(parameter.version()), parameter.value());
        } catch (SdkException e) {
            throw new ConfigSourceException("SSM GetParameter on " + parameterName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "ssm:" + parameterName;
    }
}
