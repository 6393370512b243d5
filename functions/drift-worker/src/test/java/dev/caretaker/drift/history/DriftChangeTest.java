package dev.caretaker.drift.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.drift.report.DriftSeverity;
import dev.caretaker.drift.report.ExplainedResource;
import dev.caretaker.drift.report.ExplainedStack;
import dev.caretaker.drift.report.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftChangeTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T03:00:00Z");
    private static final Instant FRIDAY = Instant.parse("2026-11-20T03:00:00Z");

    private static ExplainedStack stack(ExplainedResource... resources) {
        return new ExplainedStack("billing", Optional.empty(), List.of(resources), List.of(), 0);
    }

    private static ExplainedResource deleted(String id, String type) {
        return new ExplainedResource(id, type, ResourceStatus.DELETED, DriftSeverity.WARNING, List.of(), "deleted");
    }

    private static Finding finding(String id, String type, Instant firstSeen) {
        return new Finding(id, type, "", ResourceStatus.DELETED, DriftSeverity.WARNING, firstSeen);
    }

    private static CheckRecord previous(Finding... findings) {
        return new CheckRecord("billing", "drift-previous", MONDAY, false, List.of(findings), Set.of());
    }

    @Test
    void callsEverythingNew_whenThereIsNoEarlierCheck() {
        DriftChange change = DriftChange.between(Optional.empty(), stack(deleted("Topic", "AWS::SNS::Topic")), FRIDAY);

        assertThat(change.fresh()).extracting(Finding::logicalId).containsExactly("Topic");
        assertThat(change.persisting()).isEmpty();
        assertThat(change.resolved()).isEmpty();
        assertThat(change.previousCheck()).isEmpty();
    }

    @Test
    void keepsTheFirstSeenTime_whenDriftPersists() {
        DriftChange change = DriftChange.between(Optional.of(previous(finding("Topic", "AWS::SNS::Topic", MONDAY))),
                stack(deleted("Topic", "AWS::SNS::Topic")), FRIDAY);

        assertThat(change.fresh()).isEmpty();
        assertThat(change.persisting()).singleElement().satisfies(finding -> assertThat(finding.firstSeen()).isEqualTo(MONDAY));
        assertThat(change.oldest(FRIDAY)).contains(Duration.ofDays(4));
        assertThat(change.previousCheck()).contains(MONDAY);
    }

    @Test
    void reportsResolvedDrift_whenItIsGoneFromACheckedResource() {
        DriftChange change = DriftChange.between(Optional.of(previous(finding("Topic", "AWS::SNS::Topic", MONDAY))),
                stack(), FRIDAY);

        assertThat(change.resolved()).extracting(Finding::logicalId).containsExactly("Topic");
        assertThat(change.current()).isEmpty();
    }

    @Test
    void carriesDriftForward_whenItsResourceCouldNotBeCheckedThisTime() {
        ExplainedResource unchecked = new ExplainedResource("Topic", "AWS::SNS::Topic", ResourceStatus.NOT_CHECKED,
                DriftSeverity.INFO, List.of(), "drift detection failed: Rate exceeded");

        DriftChange change = DriftChange.between(Optional.of(previous(finding("Topic", "AWS::SNS::Topic", MONDAY))),
                stack(unchecked), FRIDAY);

        assertThat(change.resolved()).isEmpty();
        assertThat(change.current()).singleElement().satisfies(finding -> assertThat(finding.firstSeen()).isEqualTo(MONDAY));
    }
}
