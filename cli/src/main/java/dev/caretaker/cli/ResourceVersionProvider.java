package dev.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** {@code caretaker --version}: the Maven project version, written into a resource at build time. */
final class ResourceVersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/dev/caretaker/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
                "caretaker " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        };
    }

    static String version() {
        try (InputStream in = ResourceVersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown (" + RESOURCE + " is missing: built without Maven?)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
