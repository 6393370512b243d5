package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document under {@code config/invalid/} must produce exactly the lines in its
 * {@code .expected} file, in order: {@code NN-name.yaml} is a complete document, a directory
 * {@code NN-name/} is a configuration directory validated for its one environment file. Locations
 * are printed relative to the corpus directory. When a case fails, what it produced is written to
 * {@code target/config-corpus/NN-name.actual} for comparison.
 */
class InvalidConfigCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/config/invalid");

    private final ConfigValidator validator = new ConfigValidator();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.endsWith(".expected"))
                    .map(name -> name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name)
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void corpusHasAtLeastFortyCases_eachWithExpectedLines() throws IOException {
        List<String> cases = cases().toList();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        for (String name : cases) {
            assertThat(CORPUS.resolve(name + ".expected")).as(name).exists();
            assertThat(expected(name)).as(name).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedLines_whenDocumentIsInvalid(String name) throws IOException {
        List<String> actual = validate(name);

        Path actualFile = Path.of("target/config-corpus", name + ".actual");
        Files.createDirectories(actualFile.getParent());
        Files.write(actualFile, actual, StandardCharsets.UTF_8);
        assertThat(actual).as(name).containsExactlyElementsOf(expected(name));
    }

    private List<String> validate(String name) {
        Path dir = CORPUS.resolve(name);
        Validation validation;
        if (Files.isDirectory(dir)) {
            ConfigDirectory configDirectory = new ConfigDirectory(dir);
            validation = configDirectory.validate(configDirectory.environments().getFirst(), validator);
        } else {
            validation = validator.validate(ConfigDirectory.read(CORPUS.resolve(name + ".yaml"), new SafeYamlLoader()));
        }
        String prefix = CORPUS + "/";
        return validation.lines().stream().map(line -> line.replace(prefix, "")).toList();
    }

    private static List<String> expected(String name) throws IOException {
        Path file = CORPUS.resolve(name + ".expected");
        return Files.exists(file)
                ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList()
                : List.of();
    }
}
