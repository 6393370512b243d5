package dev.caretaker.local.schedule;

import dev.caretaker.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.local.LocalClients;
import dev.caretaker.local.LocalTemplates;
import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.local.resources.TemplateParameters;
import dev.caretaker.template.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    private static final Instant REAL_START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant VIRTUAL_START = Instant.parse("2026-11-21T02:59:00Z");
    /** An hour a second. */
    private static final double HOUR_PER_SECOND = 3600;

    private final Template template = LocalTemplates.repositoryTemplate();
    private final List<LocalSchedule> schedules = LocalSchedules.fromTemplate(template, LocalTemplates.parameters(template));
    private final MutableClock real = new MutableClock(REAL_START);
    private final List<ScheduledInvocation> invoked = new ArrayList<>();

    @Test
    void readsTheTemplatesSchedules_withExpressionsFromParameters() {
        assertThat(schedules).extracting(LocalSchedule::logicalId, LocalSchedule::name, schedule -> schedule.expression().toString(),
                        LocalSchedule::targetLogicalId)
                .containsExactly(
                        Tuple.tuple("DriftJobSchedule", "drift", "cron(0 3 * * ? *)", "OrchestratorFunction"),
                        Tuple.tuple("CostJobSchedule", "cost", "cron(0 6 * * ? *)", "OrchestratorFunction"),
                        Tuple.tuple("BackupJobSchedule", "backup", "cron(0 2 * * ? *)", "OrchestratorFunction"));
        assertThat(schedules).allSatisfy(schedule -> {
            assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(schedule.enabled()).isTrue();
            assertThat(schedule.groupName()).isEqualTo("ScheduleGroup");
        });
    }

    @Test
    void usesTheGivenExpression_whenAParameterOverridesTheDefault() {
        Map<String, String> parameters = new java.util.HashMap<>(LocalTemplates.PARAMETERS);
        parameters.put("DriftSchedule", "rate(15 minutes)");

        List<LocalSchedule> overridden = LocalSchedules.fromTemplate(template,
                TemplateParameters.resolve(template, parameters, LocalClients.ACCOUNT, "caretaker-local"));

        assertThat(overridden.get(0).expression()).isInstanceOf(ScheduleExpression.Rate.class);
        assertThat(overridden.get(0).expression().toString()).isEqualTo("rate(15 minutes)");
    }

    @Test
    void firesTheDriftScheduleWithItsScheduledTime_whenAnHourPassesAtAnHourPerSecond() {
        LocalScheduler scheduler = scheduler(invoked::add);

        assertThat(scheduler.fireDue()).isEmpty();
        real.advance(Duration.ofSeconds(1));
        List<FiredSchedule> fired = scheduler.fireDue();

        assertThat(scheduler.now()).isEqualTo(Instant.parse("2026-11-21T03:59:00Z"));
        assertThat(fired).singleElement().isInstanceOf(FiredSchedule.Invoked.class);
        assertThat(invoked).singleElement().satisfies(invocation -> {
            assertThat(invocation.scheduleLogicalId()).isEqualTo("DriftJobSchedule");
            assertThat(invocation.targetLogicalId()).isEqualTo("OrchestratorFunction");
            assertThat(invocation.scheduledTime()).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
            assertThat(invocation.input())
                    .isEqualTo("{\"schedule\":\"drift\",\"jobType\":\"DRIFT_CHECK\",\"scheduledTime\":\"2026-11-21T03:00:00Z\"}");
        });
    }

    @Test
    void firesEveryOccurrenceInTimeOrder_whenADayPassesAtOnce() {
        LocalScheduler scheduler = scheduler(invoked::add);

        real.advance(Duration.ofSeconds(28));
        scheduler.fireDue();

        assertThat(invoked).extracting(invocation -> invocation.scheduleName() + "@" + invocation.scheduledTime()).containsExactly(
                "drift@2026-11-21T03:00:00Z", "cost@2026-11-21T06:00:00Z",
                "backup@2026-11-22T02:00:00Z", "drift@2026-11-22T03:00:00Z", "cost@2026-11-22T06:00:00Z");
        assertThat(scheduler.fireDue()).as("nothing fires twice").isEmpty();
    }

    @Test
    void listsUpcomingFireTimes_whenAsked() {
        LocalScheduler scheduler = scheduler(invoked::add);

        assertThat(scheduler.upcoming("BackupJobSchedule", 2))
                .containsExactly(Instant.parse("2026-11-22T02:00:00Z"), Instant.parse("2026-11-23T02:00:00Z"));
        assertThatThrownBy(() -> scheduler.upcoming("Nope", 1)).hasMessageStartingWith("no schedule Nope");
    }

    @Test
    void recordsTheFailureAndKeepsGoing_whenTheTargetThrows() {
        LocalScheduler scheduler = scheduler(invocation -> {
            throw new IllegalStateException("orchestrator unavailable");
        });

        real.advance(Duration.ofSeconds(4));
        List<FiredSchedule> fired = scheduler.fireDue();

        assertThat(fired).hasSize(2).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(FiredSchedule.Failed.class));
        assertThat(((FiredSchedule.Failed) fired.get(0)).error()).isEqualTo("IllegalStateException: orchestrator unavailable");
        assertThat(scheduler.history()).isEqualTo(fired);
    }

    @Test
    void fillsEveryContextPlaceholder_whenTheInputUsesThem() {
        Template custom = LocalTemplates.inline("""
                Resources:
                  Ping:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      Name: ping
                      ScheduleExpression: rate(1 minute)
                      FlexibleTimeWindow: {Mode: "OFF"}
                      Target:
                        Arn: !GetAtt Fn.Arn
                        Input: '{"t":"<aws.scheduler.scheduled-time>","arn":"<aws.scheduler.schedule-arn>","n":"<aws.scheduler.attempt-number>","id":"<aws.scheduler.execution-id>"}'
                  Fn:
                    Type: AWS::Serverless::Function
                """);
        List<LocalSchedule> ping = LocalSchedules.fromTemplate(custom, parameters(custom));
        LocalScheduler scheduler = new LocalScheduler(ping, new ScaledClock(real, 60, VIRTUAL_START), LocalClients.ACCOUNT, invoked::add);

        real.advance(Duration.ofSeconds(1));
        scheduler.fireDue();

        assertThat(invoked).singleElement().satisfies(invocation -> assertThat(invocation.input())
                .startsWith("{\"t\":\"2026-11-21T03:00:00Z\",\"arn\":\"arn:aws:scheduler:eu-west-1:000000000000:schedule/default/ping\","
                        + "\"n\":\"1\",\"id\":\"")
                .doesNotContain("<aws.scheduler."));
    }

    @Test
    void neverFires_whenTheScheduleIsDisabled() {
        Template custom = LocalTemplates.inline("""
                Resources:
                  Paused:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(1 minute)
                      State: DISABLED
                      Target: {Arn: !GetAtt Fn.Arn}
                  Fn:
                    Type: AWS::Serverless::Function
                """);
        LocalScheduler scheduler = new LocalScheduler(LocalSchedules.fromTemplate(custom, parameters(custom)),
                new ScaledClock(real, 3600, VIRTUAL_START), LocalClients.ACCOUNT, invoked::add);

        real.advance(Duration.ofSeconds(10));

        assertThat(scheduler.fireDue()).isEmpty();
        assertThat(scheduler.upcoming("Paused", 3)).isEmpty();
    }

    @Test
    void failsNamingTheSchedule_whenItUsesAnUnknownPlaceholderOrUnsupportedSetting() {
        Template placeholder = LocalTemplates.inline("""
                Resources:
                  Odd:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(1 minute)
                      Target: {Arn: !GetAtt Fn.Arn, Input: '{"x":"<aws.scheduler.nope>"}'}
                  Fn:
                    Type: AWS::Serverless::Function
                """);
        Template window = LocalTemplates.inline("""
                Resources:
                  Later:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(1 minute)
                      StartDate: "2027-01-01T00:00:00Z"
                      Target: {Arn: !GetAtt Fn.Arn}
                  Fn:
                    Type: AWS::Serverless::Function
                """);
        Template unsupportedCron = LocalTemplates.inline("""
                Resources:
                  MonthEnd:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: cron(0 0 L * ? *)
                      Target: {Arn: !GetAtt Fn.Arn}
                  Fn:
                    Type: AWS::Serverless::Function
                """);

        assertThatThrownBy(() -> LocalSchedules.fromTemplate(placeholder, parameters(placeholder)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageStartingWith("Odd.Target.Input uses <aws.scheduler.nope>, which is not a context attribute");
        assertThatThrownBy(() -> LocalSchedules.fromTemplate(window, parameters(window)))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessage("Later uses [StartDate], which the local scheduler does not support");
        assertThatThrownBy(() -> LocalSchedules.fromTemplate(unsupportedCron, parameters(unsupportedCron)))
                .isInstanceOf(UnsupportedScheduleExpressionException.class)
                .hasMessage("MonthEnd.ScheduleExpression cron(0 0 L * ? *): day-of-month 'L': L, W and # are not supported by the"
                        + " local scheduler");
    }

    @Test
    void firesOnItsOwnThreadUntilClosed_whenStartedOnTheRealClock() throws InterruptedException {
        Template custom = LocalTemplates.inline("""
                Resources:
                  Tick:
                    Type: AWS::Scheduler::Schedule
                    Properties:
                      ScheduleExpression: rate(1 minute)
                      Target: {Arn: !GetAtt Fn.Arn}
                  Fn:
                    Type: AWS::Serverless::Function
                """);
        List<ScheduledInvocation> ticks = new CopyOnWriteArrayList<>();
        // A minute every 50 ms.
        LocalScheduler scheduler = new LocalScheduler(LocalSchedules.fromTemplate(custom, parameters(custom)),
                ScaledClock.startingNow(Clock.systemUTC(), 1200), LocalClients.ACCOUNT, ticks::add);

        scheduler.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ticks.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        scheduler.close();
        int afterClose = ticks.size();
        Thread.sleep(200);

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
        assertThat(ticks).hasSize(afterClose);
        assertThat(Duration.between(ticks.get(0).scheduledTime(), ticks.get(1).scheduledTime())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesATimeScaleThatIsNotPositive() {
        assertThatThrownBy(() -> new ScaledClock(real, 0, VIRTUAL_START)).hasMessage("the time scale must be a positive number, was 0.0");
    }

    private LocalScheduler scheduler(ScheduleTarget target) {
        return new LocalScheduler(schedules, new ScaledClock(real, HOUR_PER_SECOND, VIRTUAL_START), LocalClients.ACCOUNT, target);
    }

    private static TemplateParameters parameters(Template template) {
        return TemplateParameters.resolve(template, Map.of(), LocalClients.ACCOUNT, "caretaker-local");
    }
}
