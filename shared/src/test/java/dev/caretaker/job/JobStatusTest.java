package dev.caretaker.job;

import static dev.caretaker.job.JobStatus.CANCELLED;
import static dev.caretaker.job.JobStatus.FAILED;
import static dev.caretaker.job.JobStatus.QUEUED;
import static dev.caretaker.job.JobStatus.RUNNING;
import static dev.caretaker.job.JobStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobStatusTest {

    /** The whole life of a job, written out once: every pair not listed here is forbidden. */
    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING, FAILED, CANCELLED),
            RUNNING, EnumSet.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(JobStatus.class),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPair")
    void allowsOnlyTheDesignedTransitions_whenAskedForAnyPair(JobStatus from, JobStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        assertThat(to.allowedPredecessors().contains(from)).isEqualTo(allowed);
    }

    @Test
    void coversEveryStatus_inTheTransitionTable() {
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(JobStatus.values());
    }

    @Test
    void marksOnlySucceededFailedAndCancelledTerminal_whenAskedIsTerminal() {
        assertThat(EnumSet.allOf(JobStatus.class)).filteredOn(JobStatus::isTerminal)
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    }

    @Test
    void leavesNoWayOut_whenStatusIsTerminal() {
        for (JobStatus terminal : List.of(SUCCEEDED, FAILED, CANCELLED)) {
            assertThat(JobStatus.values()).noneMatch(terminal::canMoveTo);
        }
    }

    @Test
    void parsesAnyCase_whenNameIsKnown() {
        assertThat(JobStatus.parse("running")).isEqualTo(RUNNING);
        assertThat(JobStatus.parse("Succeeded")).isEqualTo(SUCCEEDED);
    }

    @Test
    void listsAllowedValues_whenNameIsUnknown() {
        assertThatThrownBy(() -> JobStatus.parse("DONE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown job status 'DONE'; expected one of [QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED]");
    }
}
