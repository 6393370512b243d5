package dev.caretaker.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.local.LocalTemplates;
import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.template.Template;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRulesTest {

    @Test
    void readsTheOrchestratorsRules_fromTheRepositoryTemplate() {
        List<EventRule> rules = EventRules.fromTemplate(LocalTemplates.repositoryTemplate());

        assertThat(rules).extracting(EventRule::name)
                .containsExactly("OrchestratorFunctionResultEvents", "OrchestratorFunctionDriftRemediations");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.busLogicalId()).contains("EventBus");
            assertThat(rule.targetLogicalIds()).containsExactly("OrchestratorFunction");
        });
    }

    @Test
    void readsEventsRuleResources_withTheirTargetsAndBus() {
        Template template = LocalTemplates.inline("""
                Resources:
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties: {Name: b}
                  Audit:
                    Type: AWS::Events::Rule
                    Properties:
                      EventBusName: !Ref Bus
                      EventPattern: {source: [caretaker.backup]}
                      Targets:
                        - Arn: !GetAtt Auditor.Arn
                          Id: auditor
                  Everything:
                    Type: AWS::Events::Rule
                    Properties:
                      EventPattern: '{"source":[{"prefix":""}]}'
                      State: DISABLED
                      Targets: [{Arn: !GetAtt Auditor.Arn, Id: auditor}]
                  Auditor:
                    Type: AWS::Serverless::Function
                """);

        assertThat(EventRules.fromTemplate(template)).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("Audit");
            assertThat(rule.busLogicalId()).isEqualTo(Optional.of("Bus"));
            assertThat(rule.targetLogicalIds()).containsExactly("Auditor");
        });
    }

    @Test
    void failsNamingTheRule_whenATargetTransformsItsInput() {
        Template template = LocalTemplates.inline("""
                Resources:
                  Audit:
                    Type: AWS::Events::Rule
                    Properties:
                      EventPattern: {source: [caretaker.backup]}
                      Targets:
                        - Arn: !GetAtt Auditor.Arn
                          Id: auditor
                          InputPath: $.detail
                  Auditor:
                    Type: AWS::Serverless::Function
                """);

        assertThatThrownBy(() -> EventRules.fromTemplate(template))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageStartingWith("Audit.Targets uses [InputPath], which the local event bus does not support");
    }

    @Test
    void failsNamingTheRule_whenItIsAScheduledRule() {
        Template template = LocalTemplates.inline("""
                Resources:
                  Nightly:
                    Type: AWS::Events::Rule
                    Properties:
                      ScheduleExpression: rate(1 day)
                """);

        assertThatThrownBy(() -> EventRules.fromTemplate(template))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessageContaining("Nightly uses [ScheduleExpression]");
    }
}
