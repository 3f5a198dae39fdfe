package dev.abic.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code abic}: the command line of the ABI compiler. A thin adapter: it maps options to
 * {@link dev.abic.compiler.Abic} calls and prints diagnostics.
 *
 * <p>Exit status: 0 success; 1 the input has errors (diagnostics printed); 2 usage error (bad
 * option, missing input file); 3 the output could not be written; 70 internal error (a bug in abic).
 */
@Command(name = "abic",
        mixinStandardHelpOptions = true,
        versionProvider = AbicCommand.Version.class,
        description = "The ABI compiler: turns .abi specifications of shared-memory layouts into checked C++ headers"
                + " and Java FFM classes, and checks that an ABI, its committed outputs and hand-written headers do not"
                + " drift.",
        subcommands = {GenerateCommand.class, LayoutCommand.class, LockCommand.class, CheckCommand.class, DocCommand.class,
                VerifyHeaderCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {
            "  0   success",
            "  1   the .abi input has errors (each printed as file:line:col: error: ...)",
            "  2   usage error: unknown option, missing argument, input file not found",
            "  3   an output file could not be written",
            "  4   check: differences, none failing; verify-header: the header does not match",
            "  5   verify-header: not verified (the header does not compile, the compiler cannot run)",
            "  12  check: breaking changes that fail (+16 when committed generated files are stale)",
            "  70  internal error in abic (please report it)"})
public final class AbicCommand implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_ERRORS = 1;
    public static final int USAGE = 2;
    public static final int OUTPUT_ERROR = 3;
    public static final int INTERNAL_ERROR = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (generate, layout, lock, check, verify-header)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status; for tests and embedding. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new AbicCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : INTERNAL_ERROR);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("abic: internal error: " + e + " (please report this; run with ABIC_DEBUG=1 for details)");
            if (System.getenv("ABIC_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            err.println("abic: " + e.getMessage());
            err.println("Run 'abic " + (e.getCommandLine().getCommandName().equals("abic") ? "" : e.getCommandLine().getCommandName() + " ") + "--help' for usage.");
            err.flush();
            return USAGE;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AbicCommand.class.getPackage().getImplementationVersion();
            return new String[] {"abic " + (v == null ? "(development build)" : v)};
        }
    }
}
