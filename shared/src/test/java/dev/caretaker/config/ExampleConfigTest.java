package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.testing.RepoRoot;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** examples/config is what operators copy: every environment of it must validate. */
class ExampleConfigTest {

    private final ConfigDirectory examples = new ConfigDirectory(RepoRoot.find().resolve("examples/config"));
    private final ConfigValidator validator = new ConfigValidator();

    @Test
    void definesDevStagingAndProd() {
        assertThat(examples.environments()).containsExactly("dev", "prod", "staging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void validates_forEveryEnvironment(String environment) {
        Validation validation = examples.validate(environment, validator);

        assertThat(validation.lines()).isEmpty();
        assertThat(validation.config().environment()).isEqualTo(environment);
    }

    @Test
    void devMergesOverBase_listsReplacedAndNullRemoving() {
        CaretakerConfig dev = examples.validate("dev", validator).config();

        assertThat(dev.maintenanceWindows()).isEmpty();
        assertThat(dev.deployment().orElseThrow().approval()).isEqualTo(CaretakerConfig.Approval.AUTO);
        assertThat(dev.deployment().orElseThrow().stacks()).extracting(CaretakerConfig.Stack::name).containsExactly("app", "billing");
        assertThat(dev.backup().orElseThrow().copyToRegion()).isEmpty();
        assertThat(dev.backup().orElseThrow().retention()).isEqualTo(new CaretakerConfig.Retention(7, 0, 0));
        assertThat(dev.cost().orElseThrow().monthlyBudget()).contains(BigDecimal.valueOf(50));
        assertThat(dev.cost().orElseThrow().currency()).isEqualTo("EUR");
        assertThat(dev.drift().orElseThrow().remediation()).isEqualTo(CaretakerConfig.Remediation.AUTO);
        assertThat(dev.notifications().routes()).containsExactly(new CaretakerConfig.Route("CRITICAL", java.util.List.of("ops-slack")));
    }

    @Test
    void prodKeepsBasePolicy_andTypesEveryValue() {
        CaretakerConfig prod = examples.validate("prod", validator).config();

        assertThat(prod.customer()).isEqualTo(new CaretakerConfig.Customer("acme", "123456789012", "eu-central-1"));
        assertThat(prod.maintenanceWindows()).hasSize(2);
        CaretakerConfig.MaintenanceWindow saturday = prod.maintenanceWindows().get(1);
        assertThat(saturday.days()).containsExactly(DayOfWeek.SATURDAY);
        assertThat(saturday.duration()).isEqualTo(Duration.ofHours(6));
        assertThat(saturday.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        CaretakerConfig.Stack app = prod.deployment().orElseThrow().stacks().getFirst();
        assertThat(app.approval()).isEqualTo(CaretakerConfig.Approval.REQUIRED);
        assertThat(app.source()).isEqualTo(new CaretakerConfig.TemplateSource.Channel("stable"));
        assertThat(app.parameters()).containsEntry("InstanceCount", "2");
        assertThat(app.rollback().monitoringMinutes()).isEqualTo(15);
        assertThat(prod.deployment().orElseThrow().trustedKeys())
                .containsExactly(new CaretakerConfig.TrustedKey.Kms("vendor-release-2026", "alias/vendor-release-signing"));
        assertThat(prod.drift().orElseThrow().ignore().getFirst().property()).contains("Tags.aws:*");
        assertThat(prod.drift().orElseThrow().callsPerSecond()).contains(BigDecimal.valueOf(2));
        assertThat(prod.cost().orElseThrow().anomalySensitivity()).isEqualTo(CaretakerConfig.Sensitivity.HIGH);
        assertThat(prod.backup().orElseThrow().copyToRegion()).contains("eu-west-1");
        assertThat(prod.changeFreezes().getFirst().to()).isEqualTo(java.time.LocalDate.of(2027, 1, 3));
    }

    @Test
    void stagingStackKeepsItsOwnApproval_overTheDefault() {
        CaretakerConfig staging = examples.validate("staging", validator).config();

        assertThat(staging.deployment().orElseThrow().stacks())
                .extracting(CaretakerConfig.Stack::name, CaretakerConfig.Stack::approval)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", CaretakerConfig.Approval.AUTO),
                        org.assertj.core.groups.Tuple.tuple("billing", CaretakerConfig.Approval.REQUIRED));
    }
}
