package dev.caretaker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrimingClassListTest {

    private static final ClassLoader LOADER = PrimingClassListTest.class.getClassLoader();

    @Test
    void readsOneClassNameALine_skippingCommentsAndBlankLines() throws IOException {
        PrimingClassList list = parse("# made by bench/coldstart.sh --priming-lists\n\n  java.util.ArrayList  \n"
                + "dev.caretaker.aws.PrimingClassListTest$Primed\n");

        assertThat(list.names()).containsExactly("java.util.ArrayList", "dev.caretaker.aws.PrimingClassListTest$Primed");
    }

    @Test
    void leavesOutClassesThatDrawEntropy_soNoRestoredSandboxSharesTheirState() throws IOException {
        PrimingClassList list = parse("java.util.UUID$Holder\njava.security.SecureRandom\nsoftware.amazon.awssdk.utils.RandomUtils\n"
                + "java.util.ArrayList\n");

        assertThat(list.names()).containsExactly("java.util.ArrayList");
    }

    @Test
    void loadsAndInitialisesEveryListedClass_whenAllResolve() throws IOException {
        PrimingClassList.Outcome outcome = parse("dev.caretaker.aws.PrimingClassListTest$Primed\n").load(LOADER);

        assertThat(outcome.loaded()).isEqualTo(1);
        assertThat(outcome.failed()).isEmpty();
        assertThat(Primed.initialised).isTrue();
    }

    @Test
    void countsAndSkipsClassesThatDoNotLoad_whenTheListIsStale() throws IOException {
        PrimingClassList.Outcome outcome = parse("dev.caretaker.aws.NoSuchClass\n"
                + "dev.caretaker.aws.PrimingClassListTest$FailsToInitialise\njava.util.ArrayDeque\n").load(LOADER);

        assertThat(outcome.loaded()).isEqualTo(1);
        assertThat(outcome.failed()).containsExactly("dev.caretaker.aws.NoSuchClass",
                "dev.caretaker.aws.PrimingClassListTest$FailsToInitialise");
    }

    @Test
    void isEmpty_whenTheClassPathHasNoList() {
        assertThat(PrimingClassList.of(new ClassLoader(null) { }).names()).isEmpty();
    }

    private static PrimingClassList parse(String text) throws IOException {
        return PrimingClassList.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static final class Primed {
        static boolean initialised;

        static {
            initialised = true;
        }
    }

    static final class FailsToInitialise {
        static final int VALUE = Integer.parseInt("not a number");
    }
}
