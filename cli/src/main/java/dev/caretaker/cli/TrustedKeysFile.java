package dev.caretaker.cli;

import dev.caretaker.deployment.release.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Trusted keys from a file: a bare list in the configuration's shape, or a document holding it
 * under {@code trustedKeys} or {@code deployment.trustedKeys} — so an operator can point at the
 * configuration file itself.
 */
final class TrustedKeysFile {

    private TrustedKeysFile() {
    }

    static TrustedKeys read(Path file) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(ReleaseFiles.read(file, "trusted keys file"), StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new CliFailure(file + ": not valid YAML or JSON: " + e.getMessage());
        }
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
