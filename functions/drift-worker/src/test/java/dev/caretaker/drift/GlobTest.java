package dev.caretaker.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starStaysWithinOneSegment_whenMatchingDottedPaths() {
        Glob tags = new Glob("Tags.*");

        assertThat(tags.matches("Tags.0")).isTrue();
        assertThat(tags.matches("Tags.0.Value")).isFalse();
        assertThat(tags.matches("Tags")).isFalse();
    }

    @Test
    void doubleStarCrossesSegmentsAndMayMatchNothing_whenAtASegmentBoundary() {
        assertThat(new Glob("**.Tags").matches("Tags")).isTrue();
        assertThat(new Glob("**.Tags").matches("Spec.Tags")).isTrue();
        assertThat(new Glob("**").matches("A.B.C")).isTrue();
        assertThat(new Glob("**.Tags").matches("NotTags")).isFalse();
    }

    @Test
    void coversWhatLiesInsideAProperty_whenMatchingPathOrAncestor() {
        Glob tags = new Glob("Tags.*");

        assertThat(tags.matchesPathOrAncestor("Tags.0.Value")).isTrue();
        assertThat(tags.matchesPathOrAncestor("Tags")).isFalse();
        assertThat(new Glob("Timeout").matchesPathOrAncestor("TimeoutSeconds")).isFalse();
    }

    @Test
    void matchesResourceTypes_whenTheyHoldNoDots() {
        assertThat(new Glob("AWS::Lambda::*").matches("AWS::Lambda::Function")).isTrue();
        assertThat(new Glob("AWS::Lambda::*").matches("AWS::S3::Bucket")).isFalse();
        assertThat(new Glob("AWS::EC2::SecurityGroup*").matches("AWS::EC2::SecurityGroupIngress")).isTrue();
    }

    @Test
    void treatsRegexCharactersLiterally_whenTheyAppearInAPattern() {
        assertThat(new Glob("Fn(1)+").matches("Fn(1)+")).isTrue();
        assertThat(new Glob("Fn(1)+").matches("Fn1")).isFalse();
    }

    @Test
    void refusesEmptyAndTripleStar_whenBuilt() {
        assertThatThrownBy(() -> new Glob(" ")).hasMessage("a glob must not be empty");
        assertThatThrownBy(() -> new Glob("Tags.***")).hasMessageContaining("'***'");
    }

    @Test
    void stripsAnOptionalPropertiesPrefix_whenRuleNamesTemplatePath() {
        IgnoreRule rule = IgnoreRule.of("Function", null, "Properties.Timeout", null);

        assertThat(rule.property()).contains(new Glob("Timeout"));
        assertThat(rule.ignores("Function", "AWS::Lambda::Function", "Timeout")).isTrue();
        assertThat(rule.ignores("Function", "AWS::Lambda::Function", "MemorySize")).isFalse();
    }

    @Test
    void ignoresOnlyMatchingTypes_whenRuleNamesAResourceType() {
        IgnoreRule rule = IgnoreRule.of("*", "AWS::Lambda::*", null, "functions are tuned by hand");

        assertThat(rule.wholeResource()).isTrue();
        assertThat(rule.appliesTo("Worker", "AWS::Lambda::Function")).isTrue();
        assertThat(rule.appliesTo("Bucket", "AWS::S3::Bucket")).isFalse();
        assertThat(rule.reason()).isEqualTo(Optional.of("functions are tuned by hand"));
    }

    @Test
    void requiresAResourceGlob_whenBuiltFromConfiguration() {
        assertThatThrownBy(() -> IgnoreRule.of(" ", null, "Tags", null))
                .hasMessageStartingWith("resource is required");
    }
}
