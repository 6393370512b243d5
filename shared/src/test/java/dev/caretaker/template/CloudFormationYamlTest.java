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

class CloudFormationYamlTest {

    private static Object value(String yaml) {
        return CloudFormationYaml.parse("Value: " + yaml + "\n", "test.yaml").get("Value");
    }

    @Test
    void convertsRefShortForm_whenScalar() {
        assertThat(value("!Ref MyQueue")).isEqualTo(Map.of("Ref", "MyQueue"));
    }

    @Test
    void convertsGetAttShortForm_whenScalar() {
        assertThat(value("!GetAtt MyQueue.Arn")).isEqualTo(Map.of("Fn::GetAtt", List.of("MyQueue", "Arn")));
    }

    @Test
    void keepsDotsInAttributeName_whenGetAttNamesNestedAttribute() {
        assertThat(value("!GetAtt Nested.Outputs.BucketName"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("Nested", "Outputs.BucketName")));
    }

    @Test
    void convertsGetAttShortForm_whenList() {
        assertThat(value("!GetAtt [MyQueue, Arn]")).isEqualTo(Map.of("Fn::GetAtt", List.of("MyQueue", "Arn")));
    }

    @Test
    void convertsSubShortForm_whenScalar() {
        assertThat(value("!Sub arn:${AWS::Partition}:s3:::${Bucket}/*"))
                .isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:s3:::${Bucket}/*"));
    }

    @Test
    void convertsSubShortForm_whenListWithVariables() {
        assertThat(value("!Sub ['${Name}-dlq', {Name: !Ref QueueName}]"))
                .isEqualTo(Map.of("Fn::Sub", List.of("${Name}-dlq", Map.of("Name", Map.of("Ref", "QueueName")))));
    }

    @Test
    void convertsNestedIntrinsics_whenFunctionsAreComposed() {
        assertThat(value("!Join [',', [!Select [0, !Split ['/', !Ref Path]], !GetAtt A.B]]"))
                .isEqualTo(Map.of("Fn::Join", List.of(",", List.of(
                        Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of("/", Map.of("Ref", "Path"))))),
                        Map.of("Fn::GetAtt", List.of("A", "B"))))));
    }

    @Test
    void convertsConditionFunctions_whenShortForm() {
        assertThat(value("!If [IsProd, !Not [!Equals [!Ref Env, dev]], !And [!Condition A, !Or [!Condition B, !Condition C]]]"))
                .isEqualTo(Map.of("Fn::If", List.of("IsProd",
                        Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "dev")))),
                        Map.of("Fn::And", List.of(Map.of("Condition", "A"),
                                Map.of("Fn::Or", List.of(Map.of("Condition", "B"), Map.of("Condition", "C"))))))));
    }

    @Test
    void convertsRemainingFunctions_whenShortForm() {
        assertThat(value("!FindInMap [Settings, !Ref Env, LogLevel]"))
                .isEqualTo(Map.of("Fn::FindInMap", List.of("Settings", Map.of("Ref", "Env"), "LogLevel")));
        assertThat(value("!Base64 hello")).isEqualTo(Map.of("Fn::Base64", "hello"));
        assertThat(value("!Cidr [10.0.0.0/16, 4, 8]")).isEqualTo(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)));
        assertThat(value("!ImportValue shared-vpc")).isEqualTo(Map.of("Fn::ImportValue", "shared-vpc"));
        assertThat(value("!GetAZs ''")).isEqualTo(Map.of("Fn::GetAZs", ""));
        assertThat(value("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}"))
                .isEqualTo(Map.of("Fn::Transform", Map.of("Name", "AWS::Include", "Parameters", Map.of("Location", "s3://b/k"))));
    }

    @Test
    void keepsDatesAsStrings_whenUnquoted() {
        Map<String, Object> template = CloudFormationYaml.parse("AWSTemplateFormatVersion: 2010-09-09\n", "t.yaml");

        assertThat(template).containsEntry("AWSTemplateFormatVersion", "2010-09-09");
    }

    @Test
    void resolvesScalarsAsYaml11_whenUnquoted() {
        Map<String, Object> template = CloudFormationYaml.parse("""
                Count: 5
                Enabled: true
                Mode: OFF
                Quoted: "OFF"
                """, "t.yaml");

        assertThat(template).containsEntry("Count", 5).containsEntry("Enabled", true)
                .containsEntry("Mode", false).containsEntry("Quoted", "OFF");
    }

    @Test
    void keepsDocumentOrder_whenLoadingMappings() {
        Map<String, Object> template = CloudFormationYaml.parse("Zeta: 1\nAlpha: 2\nMid: 3\n", "t.yaml");

        assertThat(template.keySet()).containsExactly("Zeta", "Alpha", "Mid");
    }

    @Test
    void rejectsUnknownTag_withFileLineAndColumn() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("A: 1\nB: !Bogus x\n", "bad.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad.yaml:2:4: ")
                .hasMessageContaining("!Bogus");
    }

    @Test
    void rejectsJavaTypeTags_whenDocumentTriesToInstantiateClasses() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("A: !!java.io.File [/etc/passwd]\n", "evil.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("evil.yaml:1:4: ");
    }

    @Test
    void rejectsRef_whenGivenAList() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("A: !Ref [x, y]\n", "bad.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad.yaml:1:4: !Ref takes a single name, found a list");
    }

    @Test
    void rejectsGetAtt_whenScalarHasNoAttribute() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("A: !GetAtt Queue\n", "bad.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad.yaml:1:4: !GetAtt takes LogicalId.Attribute, found 'Queue'");
    }

    @Test
    void rejectsDuplicateKeys_whenAResourceIsDeclaredTwice() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("Resources:\n  Q: {Type: A}\n  Q: {Type: B}\n", "dup.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dup.yaml:3:")
                .hasMessageContaining("Q");
    }

    @Test
    void rejectsDocument_whenTopLevelIsNotAMapping() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- a\n- b\n", "list.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("list.yaml: a template is a mapping at the top level, found a list");
        assertThatThrownBy(() -> CloudFormationYaml.parse("", "empty.yaml"))
                .hasMessage("empty.yaml: a template is a mapping at the top level, found an empty document");
    }

    @Test
    void namesTheFile_whenLoadingFromPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {KmsMasterKeyId: !GetAtt Key.Arn}\n  : x: y\n");

        assertThatThrownBy(() -> CloudFormationYaml.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":5:");
    }
}
