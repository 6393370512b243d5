package dev.caretaker.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker completion}: picocli's generated completion script, for bash and zsh. */
@Command(
        name = "completion",
        description = {
                "Print a bash/zsh completion script for caretaker.",
                "bash: source <(./caretaker completion)",
                "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(./caretaker completion)",
        })
final class CompletionCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(root.name(), root.commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
