package dev.caretaker.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a function's priming step before Lambda takes the SnapStart snapshot, so the classes and
 * code paths of a real invocation (SDK marshalling, Jackson, the first DynamoDB call) are loaded
 * and initialised in the snapshot rather than on the first request after restore; then the
 * classes of its {@link PrimingClassList}, which the priming step cannot reach without side effects.
 *
 * <p>CRaC holds resources weakly: the handler must keep this object in a field.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final Runnable prime;

    private SnapStartPriming(Runnable prime) {
        this.prime = prime;
    }

    public static SnapStartPriming register(Runnable prime) {
        SnapStartPriming priming = new SnapStartPriming(prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            // A failed priming costs cold-start time, never correctness: the snapshot goes ahead.
            LOG.warn("priming failed: {}", e.toString());
        }
        // What the priming cannot reach without side effects, the list loads: the classes a real invocation loaded.
        try {
            ClassLoader loader = SnapStartPriming.class.getClassLoader();
            PrimingClassList.Outcome classes = PrimingClassList.of(loader).load(loader);
            if (classes.failed().isEmpty()) {
                LOG.info("priming loaded {} listed classes", classes.loaded());
            } else {
                LOG.info("priming loaded {} listed classes; {} did not load (a stale {}), e.g. {}", classes.loaded(),
                        classes.failed().size(), PrimingClassList.RESOURCE, classes.failed().getFirst());
            }
        } catch (RuntimeException e) {
            LOG.warn("priming's class list failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
