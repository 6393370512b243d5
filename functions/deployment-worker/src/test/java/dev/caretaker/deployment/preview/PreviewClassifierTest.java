package dev.caretaker.deployment.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caretaker.deployment.stack.ChangeAction;
import dev.caretaker.deployment.stack.ChangeDetail;
import dev.caretaker.deployment.stack.ChangeSet;
import dev.caretaker.deployment.stack.ChangeSetStatus;
import dev.caretaker.deployment.stack.Replacement;
import dev.caretaker.deployment.stack.ResourceChange;
import dev.caretaker.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewClassifierTest {

    static ResourceChange change(ChangeAction action, String logicalId, String type, Replacement replacement, ChangeDetail... details) {
        return new ResourceChange(action, logicalId, action == ChangeAction.ADD ? null : logicalId.toLowerCase() + "-1a2b",
                type, replacement, List.of("Properties"), List.of(details));
    }

    static ChangeSet changeSet(ResourceChange... changes) {
        return new ChangeSet("arn:cs", "caretaker-deploy-1", "app", ChangeSetStatus.READY, null, "AVAILABLE", List.of(changes));
    }

    private static final ChangeDetail KEY_SCHEMA = new ChangeDetail("Properties", "KeySchema", "Always", "DirectModification", "Static");

    @Test
    void isRisky_whenStatefulResourceIsReplaced() {
        Preview preview = PreviewClassifier.classify(changeSet(
                change(ChangeAction.MODIFY, "Orders", "AWS::DynamoDB::Table", Replacement.TRUE, KEY_SCHEMA)));

        assertThat(preview.risky()).isTrue();
        assertThat(preview.riskReasons()).containsExactly("Orders (AWS::DynamoDB::Table) is replaced (KeySchema changed): a new one"
                + " is created and the old one deleted with its items");
    }

    @Test
    void isRisky_whenStatefulResourceMayBeReplaced() {
        Preview preview = PreviewClassifier.classify(changeSet(change(ChangeAction.MODIFY, "Db", "AWS::RDS::DBInstance",
                Replacement.CONDITIONAL, new ChangeDetail("Properties", "DBInstanceIdentifier", "Conditionally", "ParameterReference", "Dynamic"),
                new ChangeDetail("Properties", "AllocatedStorage", "Never", "DirectModification", "Static"))));

        assertThat(preview.risky()).isTrue();
        assertThat(preview.riskReasons()).singleElement().asString()
                .startsWith("Db (AWS::RDS::DBInstance) may be replaced (DBInstanceIdentifier changed)")
                .endsWith("its database");
    }

    @Test
    void isRisky_whenStatefulResourceIsRemoved() {
        for (String type : List.of("AWS::S3::Bucket", "AWS::EFS::FileSystem", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::RDS::DBCluster")) {
            Preview preview = PreviewClassifier.classify(changeSet(change(ChangeAction.REMOVE, "Thing", type, Replacement.NOT_APPLICABLE)));

            assertThat(preview.risky()).as(type).isTrue();
            assertThat(preview.riskReasons()).as(type).singleElement().asString().startsWith("Thing (" + type + ") is removed: ");
        }
    }

    @Test
    void isRoutine_whenStatefulResourceIsAddedOrModifiedInPlace() {
        Preview preview = PreviewClassifier.classify(changeSet(
                change(ChangeAction.ADD, "Orders", "AWS::DynamoDB::Table", Replacement.NOT_APPLICABLE),
                change(ChangeAction.MODIFY, "Uploads", "AWS::S3::Bucket", Replacement.FALSE)));

        assertThat(preview.risky()).isFalse();
        assertThat(preview.changes()).extracting(ClassifiedChange::stateful).containsExactly(true, true);
    }

    @Test
    void isRoutine_whenStatelessResourceIsReplacedOrRemoved() {
        Preview preview = PreviewClassifier.classify(changeSet(
                change(ChangeAction.MODIFY, "Handler", "AWS::Lambda::Function", Replacement.TRUE),
                change(ChangeAction.REMOVE, "Role", "AWS::IAM::Role", Replacement.NOT_APPLICABLE)));

        assertThat(preview.risky()).isFalse();
        assertThat(preview.riskReasons()).isEmpty();
        assertThat(preview.changes()).extracting(ClassifiedChange::stateful).containsExactly(false, false);
    }

    @Test
    void isRisky_whenStatefulChangeIsDynamic() {
        assertThat(PreviewClassifier.classify(changeSet(change(ChangeAction.DYNAMIC, "Q", "AWS::SQS::Queue", Replacement.NOT_APPLICABLE)))
                .risky()).isTrue();
    }

    @Test
    void summarisesAsReadableText_forAnApprovalRequest() {
        Preview preview = PreviewClassifier.classify(changeSet(
                change(ChangeAction.MODIFY, "Orders", "AWS::DynamoDB::Table", Replacement.TRUE, KEY_SCHEMA),
                change(ChangeAction.ADD, "Jobs", "AWS::SQS::Queue", Replacement.NOT_APPLICABLE),
                change(ChangeAction.MODIFY, "Handler", "AWS::Lambda::Function", Replacement.FALSE),
                change(ChangeAction.REMOVE, "Uploads", "AWS::S3::Bucket", Replacement.NOT_APPLICABLE)));

        assertThat(PreviewSummary.text(preview)).isEqualTo("""
                Stack app, change set caretaker-deploy-1: 4 changes (1 add, 2 modify, 1 remove) - RISKY, needs a person's approval
                  !  MODIFY  Orders   AWS::DynamoDB::Table   replacement: True
                  +  ADD     Jobs     AWS::SQS::Queue
                  ~  MODIFY  Handler  AWS::Lambda::Function  replacement: False
                  !  REMOVE  Uploads  AWS::S3::Bucket
                Why it is risky:
                  - Orders (AWS::DynamoDB::Table) is replaced (KeySchema changed): a new one is created and the old one deleted with its items
                  - Uploads (AWS::S3::Bucket) is removed: its objects will be deleted unless the template retains it
                """);
    }

    @Test
    void summarisesNoChanges_inOneLine() {
        assertThat(PreviewSummary.text(PreviewClassifier.classify(changeSet())))
                .isEqualTo("Stack app, change set caretaker-deploy-1: no changes.\n");
    }

    @Test
    void summarisesAsJson_withStableKeys() throws Exception {
        Preview preview = PreviewClassifier.classify(changeSet(
                change(ChangeAction.MODIFY, "Orders", "AWS::DynamoDB::Table", Replacement.TRUE, KEY_SCHEMA),
                change(ChangeAction.ADD, "Jobs", "AWS::SQS::Queue", Replacement.NOT_APPLICABLE)));

        String json = Json.write(PreviewSummary.json(preview));

        assertThat(Json.mapper().readTree(json)).isEqualTo(Json.mapper().readTree("""
                {"stack":"app","changeSet":"caretaker-deploy-1","risky":true,
                 "reasons":["Orders (AWS::DynamoDB::Table) is replaced (KeySchema changed): a new one is created and the old one deleted with its items"],
                 "counts":{"add":1,"modify":1},
                 "changes":[
                  {"action":"MODIFY","logicalId":"Orders","physicalId":"orders-1a2b","resourceType":"AWS::DynamoDB::Table",
                   "replacement":"True","stateful":true,"risky":true,
                   "reasons":["Orders (AWS::DynamoDB::Table) is replaced (KeySchema changed): a new one is created and the old one deleted with its items"],
                   "details":[{"attribute":"Properties","name":"KeySchema","requiresRecreation":"Always","changeSource":"DirectModification"}]},
                  {"action":"ADD","logicalId":"Jobs","physicalId":null,"resourceType":"AWS::SQS::Queue","replacement":null,
                   "stateful":true,"risky":false,"reasons":[],"details":[]}]}
                """));
    }
}
