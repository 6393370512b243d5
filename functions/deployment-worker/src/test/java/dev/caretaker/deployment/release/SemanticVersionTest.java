package dev.caretaker.deployment.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void ordersAsTheSpecificationsExample_whenSorted() {
        // semver.org 2.0.0, section 11.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0");
        List<SemanticVersion> shuffled = new ArrayList<>(ordered.stream().map(SemanticVersion::parse).toList());
        Collections.reverse(shuffled);
        Collections.sort(shuffled);

        assertThat(shuffled).extracting(SemanticVersion::toString).containsExactlyElementsOf(ordered);
    }

    @Test
    void ignoresBuildMetadata_whenComparing() {
        assertThat(SemanticVersion.parse("1.4.0+build.7").compareTo(SemanticVersion.parse("1.4.0+build.9"))).isZero();
        assertThat(SemanticVersion.parse("1.4.0+build.7").build()).isEqualTo("build.7");
    }

    @Test
    void comparesNumbersNumerically_whenTheyDifferInLength() {
        assertThat(SemanticVersion.parse("1.9.0").isOlderThan(SemanticVersion.parse("1.10.0"))).isTrue();
        assertThat(SemanticVersion.parse("1.0.0-rc.99999999999999999999").compareTo(SemanticVersion.parse("1.0.0-rc.100"))).isPositive();
    }

    @Test
    void refusesWithExpectedForm_whenNotSemantic() {
        for (String bad : List.of("1.4", "v1.4.0", "01.4.0", "1.4.0-", "latest", "")) {
            assertThatThrownBy(() -> SemanticVersion.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a semantic version (MAJOR.MINOR.PATCH");
        }
    }
}
