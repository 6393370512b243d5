package dev.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static final String VERSION_1 = """
            # Acme's configuration, written for Caretaker 0.x
            schemaVersion: 1   # do not edit by hand

            customer:
              id: acme
              account: "123456789012"
              region: eu-central-1
            environment: prod

            cost:
              # the finance team's number for 2026
              budget: 400     # EUR per month
              currency: EUR
            """;

    private final Migrations migrations = Migrations.all();

    @Test
    void renamesKeyAndBumpsVersion_keepingEveryCommentAndBlankLine() {
        Migrations.Outcome outcome = migrations.migrate(VERSION_1, "base.yaml");

        assertThat(outcome).isInstanceOf(Migrations.Outcome.Migrated.class);
        Migrations.Outcome.Migrated migrated = (Migrations.Outcome.Migrated) outcome;
        assertThat(migrated.text()).isEqualTo(VERSION_1
                .replace("schemaVersion: 1   #", "schemaVersion: 2   #")
                .replace("  budget: 400     #", "  monthlyBudget: 400     #"));
        assertThat(migrated.changes()).containsExactly(
                "base.yaml:12:3: cost.budget renamed to monthlyBudget (cost.budget is renamed cost.monthlyBudget)",
                "base.yaml:2:16: schemaVersion 1 changed to 2");
        assertThat(migrated.from()).isEqualTo(1);
        assertThat(migrated.to()).isEqualTo(2);
    }

    @Test
    void migratedDocumentValidates() {
        Migrations.Outcome.Migrated outcome = (Migrations.Outcome.Migrated) migrations.migrate(VERSION_1, "base.yaml");

        Validation validation = new ConfigValidator().validate(new SafeYamlLoader().load(outcome.text(), "base.yaml"));

        assertThat(validation.lines()).isEmpty();
        assertThat(validation.config().cost().orElseThrow().monthlyBudget()).contains(java.math.BigDecimal.valueOf(400));
    }

    @Test
    void rewritesQuotedKeyInsideItsQuotes() {
        Migrations.Outcome.Migrated outcome = (Migrations.Outcome.Migrated) migrations.migrate(
                "schemaVersion: 1\ncost: {\"budget\": 10}\n", "f.yaml");

        assertThat(outcome.text()).isEqualTo("schemaVersion: 2\ncost: {\"monthlyBudget\": 10}\n");
    }

    @Test
    void migratesLayerWithoutSchemaVersion_andSaysHowItReadIt() {
        Migrations.Outcome.Migrated outcome = (Migrations.Outcome.Migrated) migrations.migrate(
                "environment: dev\ncost:\n  budget: 50\n", "environments/dev.yaml");

        assertThat(outcome.text()).isEqualTo("environment: dev\ncost:\n  monthlyBudget: 50\n");
        assertThat(outcome.notes().getFirst()).contains("no schemaVersion").contains("read as version 1");
    }

    @Test
    void refuses_whenBothOldAndNewKeyArePresent() {
        Migrations.Outcome outcome = migrations.migrate("schemaVersion: 1\ncost:\n  budget: 1\n  monthlyBudget: 2\n", "f.yaml");

        assertThat(outcome).isEqualTo(new Migrations.Outcome.Refused(java.util.List.of(new ConfigProblem(
                new Location("f.yaml", 4, 3), "", "cost has both budget (line 3) and monthlyBudget; keep one of them and migrate again"))));
    }

    @Test
    void refuses_whenVersionIsUnknown() {
        Migrations.Outcome outcome = migrations.migrate("schemaVersion: 7\n", "f.yaml");

        assertThat(outcome).isInstanceOf(Migrations.Outcome.Refused.class);
        assertThat(((Migrations.Outcome.Refused) outcome).problems()).singleElement().asString()
                .isEqualTo("f.yaml:1:16: schemaVersion: cannot migrate from schemaVersion 7: versions 1 to 2 are known");
    }

    @Test
    void leavesCurrentDocumentAlone() {
        assertThat(migrations.migrate("schemaVersion: 2\n", "f.yaml")).isEqualTo(new Migrations.Outcome.Current(2));
    }
}
