package dev.caretaker.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.events.Severity;
import dev.caretaker.job.Job;
import dev.caretaker.job.JobRequest;
import dev.caretaker.job.JobTrigger;
import dev.caretaker.job.JobType;
import dev.caretaker.work.WorkItem;
import dev.caretaker.work.WorkResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostReportTest {

    private static final Instant NOV_21 = Instant.parse("2026-11-21T06:00:00Z");

    private final List<CostPeriod> asked = new ArrayList<>();

    private WorkResult report(Instant now, int paidRequests, ServiceCost... services) {
        CostSource source = period -> {
            asked.add(period);
            return new CostSource.Costs(List.of(services), paidRequests);
        };
        Job job = Job.queued(new JobRequest(JobType.COST_REPORT, "*", new JobTrigger.Schedule("cost", now)), now);
        return new CostReport(source, Clock.fixed(now, ZoneOffset.UTC))
                .run(new WorkItem(job.id(), JobType.COST_REPORT, "*", job.correlationId(), Map.of()), job);
    }

    private static ServiceCost usd(String service, String amount) {
        return new ServiceCost(service, new BigDecimal(amount), "USD");
    }

    @Test
    void asksForMonthToDate_whenRun() {
        report(NOV_21, 1, usd("AWS Lambda", "1"));

        assertThat(asked).containsExactly(new CostPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-21")));
    }

    @Test
    void totalsEveryServiceRoundedToCents_whenRun() {
        WorkResult result = report(NOV_21, 1, usd("AWS Lambda", "0.4213870125"), usd("Amazon DynamoDB", "0.0871"),
                usd("AWS Key Management Service", "1"));

        assertThat(result.severity()).isEqualTo(Severity.INFO);
        assertThat(result.data()).containsEntry("total", "1.51").containsEntry("currency", "USD")
                .containsEntry("periodStart", "2026-11-01").containsEntry("periodEnd", "2026-11-21")
                .containsEntry("costExplorerRequests", 1);
        assertThat(result.summary()).isEqualTo("cost 2026-11-01 to 2026-11-21: 1.51 USD");
    }

    @Test
    void listsTheFiveCostliestServicesMostExpensiveFirst_whenThereAreMore() {
        WorkResult result = report(NOV_21, 2,
                usd("Amazon S3", "0.50"), usd("AWS Lambda", "3.10"), usd("Amazon SQS", "0.05"), usd("Amazon DynamoDB", "7.25"),
                usd("AWS KMS", "1.00"), usd("Amazon CloudWatch", "2.40"), usd("Amazon SNS", "0.01"));

        assertThat(result.data().get("topServices")).isEqualTo(List.of(
                Map.of("service", "Amazon DynamoDB", "amount", "7.25"),
                Map.of("service", "AWS Lambda", "amount", "3.10"),
                Map.of("service", "Amazon CloudWatch", "amount", "2.40"),
                Map.of("service", "AWS KMS", "amount", "1.00"),
                Map.of("service", "Amazon S3", "amount", "0.50")));
        assertThat(result.data()).containsEntry("total", "14.31").containsEntry("costExplorerRequests", 2);
    }

    @Test
    void addsUpAServiceThatAppearsTwice_whenPagesRepeatIt() {
        WorkResult result = report(NOV_21, 2, usd("AWS Lambda", "1.25"), usd("Amazon S3", "2.00"), usd("AWS Lambda", "1.00"));

        assertThat(result.data().get("topServices")).isEqualTo(List.of(
                Map.of("service", "AWS Lambda", "amount", "2.25"),
                Map.of("service", "Amazon S3", "amount", "2.00")));
        assertThat(result.data()).containsEntry("total", "4.25");
    }

    @Test
    void reportsInTheAccountsBillingCurrency_whenItIsNotDollars() {
        WorkResult result = report(NOV_21, 1, new ServiceCost("AWS Lambda", new BigDecimal("12.345"), "EUR"));

        assertThat(result.data()).containsEntry("currency", "EUR").containsEntry("total", "12.35");
        assertThat(result.summary()).endsWith("12.35 EUR");
    }

    @Test
    void reportsZeroDollars_whenNothingWasSpent() {
        WorkResult result = report(NOV_21, 1);

        assertThat(result.data()).containsEntry("total", "0.00").containsEntry("currency", "USD")
                .containsEntry("topServices", List.of());
    }

    @Test
    void reportsThePreviousMonth_whenRunOnTheFirst() {
        WorkResult result = report(Instant.parse("2026-12-01T06:00:00Z"), 1, usd("AWS Lambda", "4"));

        assertThat(result.data()).containsEntry("periodStart", "2026-11-01").containsEntry("periodEnd", "2026-12-01");
    }
}
