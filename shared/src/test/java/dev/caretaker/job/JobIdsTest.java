package dev.caretaker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
    private static final JobTrigger SCHEDULE = new JobTrigger.Schedule("drift", T0);

    /** Step Functions execution names: 1 to 80 characters of letters, digits, '-' and '_'. */
    private static final String EXECUTION_NAME = "[A-Za-z0-9_-]{1,80}";

    @Test
    void derivesTheSameId_whenTheSameTriggerArrivesTwice() {
        assertThat(JobIds.of(JobType.DRIFT_CHECK, new JobTrigger.Schedule("drift", T0)))
                .isEqualTo(JobIds.of(JobType.DRIFT_CHECK, new JobTrigger.Schedule("drift", T0)));
    }

    @Test
    void derivesDifferentIds_whenTypeDiffers() {
        assertThat(JobIds.of(JobType.DRIFT_CHECK, SCHEDULE)).isNotEqualTo(JobIds.of(JobType.COST_REPORT, SCHEDULE));
    }

    @Test
    void derivesDifferentIds_whenTriggerDiffers() {
        List<JobTrigger> triggers = List.of(
                SCHEDULE,
                new JobTrigger.Schedule("drift", T0.plusSeconds(1)),
                new JobTrigger.Schedule("nightly-drift", T0),
                new JobTrigger.Webhook("vendor", "d-1"),
                new JobTrigger.Webhook("vendor", "d-2"),
                new JobTrigger.Parent("drift-0b7c1f33c2b94a5e8d0e6a11", "app-a"),
                new JobTrigger.Parent("drift-0b7c1f33c2b94a5e8d0e6a11", "app-b"),
                new JobTrigger.Manual("req-1"));

        assertThat(triggers.stream().map(trigger -> JobIds.of(JobType.DRIFT_CHECK, trigger))).doesNotHaveDuplicates();
    }

    @Test
    void prefixesIdWithType_soLogsAndUrlsStayReadable() {
        assertThat(JobIds.of(JobType.DEPLOY, new JobTrigger.Webhook("vendor", "d-1"))).matches("deploy-[0-9a-f]{24}");
        assertThat(JobIds.of(JobType.DRIFT_CHECK, SCHEDULE)).startsWith("drift-");
        assertThat(JobIds.of(JobType.COST_REPORT, SCHEDULE)).startsWith("cost-");
        assertThat(JobIds.of(JobType.BACKUP, SCHEDULE)).startsWith("backup-");
        assertThat(JobIds.of(JobType.RESTORE, SCHEDULE)).startsWith("restore-");
    }

    @Test
    void makesValidStepFunctionsExecutionName_forEveryTypeAndAwkwardTrigger() {
        JobTrigger awkward = new JobTrigger.Webhook("vendor/with spaces", "ünïcödé:" + "x".repeat(500));
        for (JobType type : JobType.values()) {
            String id = JobIds.of(type, awkward);
            assertThat(id).matches(EXECUTION_NAME).hasSizeLessThanOrEqualTo(80);
            assertThat(JobIds.looksValid(id)).isTrue();
        }
    }

    @Test
    void acceptsIdsItMakes_whenCheckingShape() {
        assertThat(JobIds.looksValid(JobIds.of(JobType.DEPLOY, SCHEDULE))).isTrue();
        assertThat(JobIds.looksValid("drift-0123456789abcdef01234567")).isTrue();
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @NullSource
    @ValueSource(strings = {
        "",
        "drift",
        "drift-",
        "drift-0123456789abcdef0123456",      // 23 hex
        "drift-0123456789abcdef012345678",    // 25 hex
        "drift-0123456789ABCDEF01234567",     // upper-case hex
        "Drift-0123456789abcdef01234567",     // upper-case prefix
        "-0123456789abcdef01234567",          // no prefix
        "drift_0123456789abcdef01234567",     // wrong separator
        "drift-0123456789abcdef0123456g",     // not hex
        "drift-0123456789abcdef01234567/..",  // path junk
        " drift-0123456789abcdef01234567"})
    void rejectsJunk_whenStringIsNotShapedLikeAnId(String candidate) {
        assertThat(JobIds.looksValid(candidate)).isFalse();
    }
}
