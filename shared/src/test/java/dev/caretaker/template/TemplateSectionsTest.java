package dev.caretaker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSectionsTest {

    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Environment:
                Type: String
                AllowedValues: [dev, prod]
            Globals:
              Function:
                Runtime: java21
            Resources:
              Key:
                Type: AWS::KMS::Key
              WorkQueue:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: !GetAtt Key.Arn
              WorkDeadLetterQueue:
                Type: AWS::SQS::Queue
                DeletionPolicy: Retain
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
            """;

    private static Template template() {
        return new Template(CloudFormationYaml.parse(TEMPLATE, "t.yaml"));
    }

    @Test
    void listsResourcesInDocumentOrder_whenLoaded() {
        assertThat(template().resources().keySet()).containsExactly("Key", "WorkQueue", "WorkDeadLetterQueue", "Topic");
    }

    @Test
    void selectsResourcesByType_whenAskedForOneType() {
        Map<String, Template.Resource> queues = template().resourcesOfType("AWS::SQS::Queue");

        assertThat(queues.keySet()).containsExactly("WorkQueue", "WorkDeadLetterQueue");
        assertThat(queues.get("WorkQueue").properties())
                .containsEntry("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of("Key", "Arn")));
    }

    @Test
    void givesEmptyProperties_whenResourceHasNone() {
        Template.Resource dlq = template().resources().get("WorkDeadLetterQueue");

        assertThat(dlq.properties()).isEmpty();
        assertThat(dlq.definition()).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void readsParametersAndSections_whenPresent() {
        Template template = template();

        assertThat(template.parameters().get("Environment")).containsEntry("AllowedValues", List.of("dev", "prod"));
        assertThat(template.section("Globals")).containsKey("Function");
        assertThat(template.section("Outputs")).isEmpty();
    }

    @Test
    void rejectsResource_whenTypeIsMissing() {
        Template template = new Template(CloudFormationYaml.parse("Resources:\n  Broken:\n    Properties: {}\n", "t.yaml"));

        assertThatThrownBy(template::resources)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource Broken has no Type");
    }

    @Test
    void loadsFromFile_whenGivenAPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, TEMPLATE);

        assertThat(Template.load(file).resourcesOfType("AWS::KMS::Key")).containsOnlyKeys("Key");
    }
}
