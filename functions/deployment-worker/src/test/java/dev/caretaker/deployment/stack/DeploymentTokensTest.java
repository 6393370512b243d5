package dev.caretaker.deployment.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTokensTest {

    private static final String ALLOWED = "[a-zA-Z][-a-zA-Z0-9]{0,127}";

    @Test
    void keepsReadableIds_whenTheyFitCloudFormationsPattern() {
        assertThat(DeploymentTokens.changeSetName("deploy-0123456789abcdef01234567")).isEqualTo("caretaker-deploy-0123456789abcdef01234567");
        assertThat(DeploymentTokens.executeToken("deploy-1")).isEqualTo("caretaker-deploy-1-execute");
        assertThat(DeploymentTokens.continueRollbackToken("deploy-1", 2)).isEqualTo("caretaker-deploy-1-continue-rollback-2");
    }

    @Test
    void hashesDeterministically_whenIdHasCharactersCloudFormationRefuses() {
        String id = "release:app/1.4.0#prod";

        assertThat(DeploymentTokens.changeSetName(id)).isEqualTo(DeploymentTokens.changeSetName(id))
                .isNotEqualTo(DeploymentTokens.changeSetName("release:app/1.4.1#prod"));
        for (String token : List.of(DeploymentTokens.changeSetName(id), DeploymentTokens.createToken(id),
                DeploymentTokens.executeToken(id), DeploymentTokens.continueRollbackToken(id, 12),
                DeploymentTokens.continueRollbackToken("x".repeat(300), 99))) {
            assertThat(token).matches(ALLOWED);
        }
    }
}
