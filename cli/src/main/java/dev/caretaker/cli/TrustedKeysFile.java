package dev.caretaker.cli;

import dev.caretaker.deployment.release.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trusted keys from a file: a bare list in the configuration's shape, or a document holding it
 * under {@code trustedKeys} or {@code deployment.trustedKeys} — so an operator can point at the
 * configuration file itself. Read with the configuration's safe loader ({@link OperatorYaml}).
 */
final class TrustedKeysFile {

    private TrustedKeysFile() {
    }

    static TrustedKeys read(Path file) {
        Object document = OperatorYaml.read(new String(ReleaseFiles.read(file, "trusted keys file"), StandardCharsets.UTF_8),
                file.toString());
        if (document instanceof List<?> list) {
            return TrustedKeys.fromEntries(list, file.toString());
        }
        if (document instanceof Map<?, ?> map) {
            if (map.get("trustedKeys") instanceof List<?> list) {
                return TrustedKeys.fromEntries(list, file + ": trustedKeys");
            }
            if (map.get("deployment") instanceof Map<?, ?> deployment && deployment.get("trustedKeys") instanceof List<?> list) {
                return TrustedKeys.fromEntries(list, file + ": deployment.trustedKeys");
            }
        }
        throw new CliFailure(file + ": no trusted keys found: expected a list of {id, publicKey} / {id, kmsKeyId},"
                + " or a document with trustedKeys or deployment.trustedKeys");
    }
}
