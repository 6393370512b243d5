package dev.caretaker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservabilitySdkLoggingTest {

    @AfterEach
    void restore() {
        Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.WARN);
    }

    @Test
    void putsTheSdkLoggersBackAtWarn_afterEveryLoggerWasSetToDebug() {
        // What Powertools does with POWERTOOLS_LOG_LEVEL=DEBUG when its logging class initialises.
        Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.DEBUG);
        assertThat(LogManager.getLogger("software.amazon.awssdk.auth.signer.Aws4Signer").isDebugEnabled()).isTrue();

        Observability.quietTheSdk();

        assertThat(LogManager.getLogger("software.amazon.awssdk.auth.signer.Aws4Signer").isDebugEnabled()).isFalse();
        assertThat(LogManager.getLogger("software.amazon.awssdk.request").isInfoEnabled()).isFalse();
        assertThat(LogManager.getLogger("software.amazon.awssdk.request").isWarnEnabled()).isTrue();
        assertThat(LogManager.getLogger("dev.caretaker.deployment").isDebugEnabled()).as("the function's own loggers keep theirs")
                .isTrue();
    }
}
