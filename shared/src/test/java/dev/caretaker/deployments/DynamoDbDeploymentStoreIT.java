package dev.caretaker.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caretaker.testing.DynamoDbBackend;
import dev.caretaker.testing.StateTables;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbDeploymentStoreIT {

    @RegisterExtension
    static final DynamoDbBackend BACKEND = DynamoDbBackend.embedded();

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    private DeploymentStore store;
    private String stack;

    @BeforeEach
    void createTable() {
        String table = "state-" + UUID.randomUUID();
        StateTables.createStateTable(BACKEND.client(), table);
        store = new DynamoDbDeploymentStore(BACKEND.client(), table);
        stack = "app";
    }

    @Test
    void createIfAbsent_returnsTheStoredRecord_whenTheSameIdIsCreatedTwice() {
        Deployment first = store.createIfAbsent(Deployment.started("d-1", stack, "1.0.0", "s3://r/m.json", "dev", false, null, Map.of(), T0));
        Deployment again = store.createIfAbsent(Deployment.started("d-1", stack, "9.9.9", "s3://other", "dev", false, null, Map.of(), T0.plusSeconds(5)));

        assertThat(again).isEqualTo(first);
        assertThat(store.history(stack, 10)).extracting(Deployment::id).containsExactly("d-1");
    }

    @Test
    void update_roundTripsEveryPartOfTheRecord_andCountsRevisions() {
        store.createIfAbsent(Deployment.started("d-2", stack, "1.0.0", "s3://r/m.json", "dev", false, null, Map.of(), T0));

        Deployment updated = store.update("d-2", d -> d.step(DeploymentStatus.AWAITING_APPROVAL, "approval", "waiting", T0.plusSeconds(1))
                .withRelease(Map.of("keyId", "vendor", "parameters", Map.of("A", "b")), T0.plusSeconds(1))
                .withPreview(Map.of("risky", true), T0.plusSeconds(1))
                .withApprovalToken("token-1", T0.plusSeconds(1))
                .withApproval(new ApprovalDecision(true, "alice", "looks fine", T0.plusSeconds(2)), T0.plusSeconds(2))
                .withProgress(Map.of("done", 1, "total", 3), T0.plusSeconds(2)));

        Deployment read = store.find("d-2").orElseThrow();
        assertThat(read).isEqualTo(updated);
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.approval().by()).isEqualTo("alice");
        assertThat(read.timings()).containsEntry("approval", T0.plusSeconds(1));
        assertThat(read.events()).anySatisfy(line -> assertThat(line).contains("approve by alice"));
    }

    @Test
    void update_writesNothing_whenTheChangeLeavesTheRecordAsItIs() {
        store.createIfAbsent(Deployment.started("d-3", stack, "1.0.0", "s3://r/m.json", "dev", false, null, Map.of(), T0));
        store.update("d-3", d -> d.finish(DeploymentStatus.FAILED, "refused", T0.plusSeconds(1)));

        Deployment again = store.update("d-3", d -> d.finish(DeploymentStatus.SUCCEEDED, "late", T0.plusSeconds(2)));

        assertThat(again.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(again.reason()).isEqualTo("refused");
        assertThat(again.revision()).isEqualTo(1);
    }

    @Test
    void lastSucceeded_pointsAtTheLatestSucceededDeploymentOfTheStack() {
        store.createIfAbsent(Deployment.started("d-4", stack, "1.0.0", "m", "dev", false, null, Map.of(), T0));
        store.createIfAbsent(Deployment.started("d-5", stack, "1.1.0", "m", "dev", false, null, Map.of(), T0.plusSeconds(10)));
        store.createIfAbsent(Deployment.started("d-6", stack, "1.2.0", "m", "dev", false, null, Map.of(), T0.plusSeconds(20)));
        assertThat(store.lastSucceeded(stack)).isEmpty();

        store.update("d-4", d -> d.finish(DeploymentStatus.SUCCEEDED, null, T0.plusSeconds(5)));
        store.update("d-5", d -> d.finish(DeploymentStatus.SUCCEEDED, null, T0.plusSeconds(15)));
        store.update("d-6", d -> d.finish(DeploymentStatus.ROLLED_BACK, "alarm", T0.plusSeconds(25)));

        assertThat(store.lastSucceeded(stack)).map(Deployment::version).contains("1.1.0");
        assertThat(store.lastSucceeded("other")).isEmpty();
        assertThat(store.history(stack, 2)).extracting(Deployment::id).containsExactly("d-6", "d-5");
    }

    @Test
    void update_failsClearly_whenTheRecordDoesNotExist() {
        assertThatThrownBy(() -> store.update("missing", d -> d))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("missing");
    }
}
