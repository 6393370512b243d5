package dev.caretaker.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.local.LocalTemplates;
import dev.caretaker.local.resources.LocalTemplateException;
import dev.caretaker.template.Template;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SqsEventSourcesTest {

    private final List<SqsEventSource> sources = SqsEventSources.fromTemplate(LocalTemplates.repositoryTemplate());

    @Test
    void mapsEachWorkerQueueToItsFunction_fromTheRepositoryTemplate() {
        assertThat(sources).containsExactly(
                new SqsEventSource("DriftWorkerFunction", "DriftMessages", "DriftQueue", 1, true, Duration.ZERO, OptionalInt.of(2)),
                new SqsEventSource("CostWorkerFunction", "CostMessages", "CostQueue", 10, true, Duration.ofSeconds(10), OptionalInt.of(2)),
                new SqsEventSource("BackupWorkerFunction", "BackupMessages", "BackupQueue", 10, true, Duration.ofSeconds(10),
                        OptionalInt.of(2)));
    }

    @Test
    void findsTheReader_whenAskedForAQueue() {
        assertThat(SqsEventSources.forQueue(sources, "CostQueue").functionLogicalId()).isEqualTo("CostWorkerFunction");
        assertThatThrownBy(() -> SqsEventSources.forQueue(sources, "DeliveryDeadLetterQueue"))
                .hasMessage("no function reads DeliveryDeadLetterQueue; queues with a reader: [DriftQueue, CostQueue, BackupQueue]");
    }

    @Test
    void defaultsLikeLambda_whenBatchSettingsAreLeftOut() {
        Template template = LocalTemplates.inline("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Messages:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Work.Arn
                        Paused:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Work.Arn
                            Enabled: false
                """);

        assertThat(SqsEventSources.fromTemplate(template)).containsExactly(
                new SqsEventSource("Worker", "Messages", "Work", 10, false, Duration.ZERO, OptionalInt.empty()));
    }

    @Test
    void failsNamingTheSetting_whenAFilterWouldChangeWhichMessagesArrive() {
        Template template = LocalTemplates.inline("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Messages:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Work.Arn
                            FilterCriteria:
                              Filters: [{Pattern: '{"body":{"kind":["a"]}}'}]
                """);

        assertThatThrownBy(() -> SqsEventSources.fromTemplate(template))
                .isInstanceOf(LocalTemplateException.class)
                .hasMessage("Worker.Events.Messages uses [FilterCriteria], which local SQS polling does not support");
    }
}
