package dev.caretaker.cli;

/** {@code java -jar caretaker.jar ...}: what the {@code ./caretaker} launcher runs. */
public final class Main {

    // The jar carries the functions' log4j2.xml, which writes JSON lines to standard output: a
    // library's warning would corrupt `--output json`. The CLI's own configuration sends warnings to
    // standard error instead; an explicit -Dlog4j2.configurationFile still wins.
    static final String LOG_CONFIGURATION_PROPERTY = "log4j2.configurationFile";
    static final String LOG_CONFIGURATION = "caretaker-cli-log4j2.xml";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_CONFIGURATION_PROPERTY) == null) {
            System.setProperty(LOG_CONFIGURATION_PROPERTY, LOG_CONFIGURATION);
        }
        int exitCode = CaretakerCli.commandLine(CliContext.fromSystem()).execute(args);
        System.exit(exitCode);
    }
}
