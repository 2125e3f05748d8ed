package io.qecnode.node.cli;

import io.qecnode.decoder.dem.DemFormatException;
import io.qecnode.decoder.shots.ShotFormatException;
import io.qecnode.io.journal.JournalException;
import io.qecnode.node.offline.DecodeFailure;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.List;

/**
 * The one error path of {@code qec-node} and {@code qec-bench}: every failure is one line,
 * {@code <jar> <command>: <what>, <option or file>=<value>}, and an exit code: 2 for a bad command line or setting
 * (picocli's {@link ParameterException}, followed by a line pointing at the help), 1 for a failure at run time
 * ({@link CommandFailure}, a bad journal, DEM or shot file, a file that cannot be read, running out of memory), 1 and
 * "internal error" for anything else. A stack trace is printed only with {@code --debug}, accepted by every command.
 */
public final class CliErrors
{
    /** The option that adds stack traces to errors. */
    public static final String DEBUG = "--debug";

    private static final int EXIT_FAILURE = 1;

    private CliErrors()
    {
    }

    /**
     * @param commandLine the root command, its subcommands added.
     * @return the same command line, with the handlers and {@code --debug} on every command.
     */
    public static CommandLine install(final CommandLine commandLine)
    {
        addDebug(commandLine);
        return commandLine
            .setParameterExceptionHandler(CliErrors::onBadCommandLine)
            .setExecutionExceptionHandler(CliErrors::onFailure);
    }

    /**
     * Run the command line, answering an {@link Error} such as running out of memory like any other failure.
     *
     * @param commandLine the root command, from {@link #install(CommandLine)}.
     * @param args        the arguments.
     * @return the exit code.
     */
    public static int execute(final CommandLine commandLine, final String... args)
    {
        try
        {
            return commandLine.execute(args);
        }
        catch (final Error error)
        {
            final PrintWriter err = commandLine.getErr();
            final String name = commandLine.getCommandName() + (args.length > 0 &&
                commandLine.getSubcommands().containsKey(args[0]) ? " " + args[0] : "");
            report(err, name, error, Arrays.asList(args).contains(DEBUG));
            return EXIT_FAILURE;
        }
    }

    private static void addDebug(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().addOption(OptionSpec.builder(DEBUG).scopeType(ScopeType.INHERIT)
            .description("On an error, print its stack trace too.").build());
        // Options added after the subcommands reach them only if added to each.
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            if (!sub.getCommandSpec().optionsMap().containsKey(DEBUG))
            {
                addDebug(sub);
            }
        }
    }

    // The problem and a pointer to the help, instead of picocli's default of the whole usage text, in which a
    // one-line message such as an unknown format name scrolls out of sight.
    private static int onBadCommandLine(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final String name = command.getCommandSpec().qualifiedName();
        final PrintWriter err = command.getErr();
        String message = oneLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException)
        {
            final List<String> suggestions = ((UnmatchedArgumentException)ex).getSuggestions();
            if (!suggestions.isEmpty())
            {
                message += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        if (Arrays.asList(args).contains(DEBUG))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int onFailure(final Exception ex, final CommandLine command, final ParseResult parseResult)
    {
        report(command.getErr(), command.getCommandSpec().qualifiedName(), ex,
            parseResult.originalArgs().contains(DEBUG));
        return EXIT_FAILURE;
    }

    private static void report(final PrintWriter err, final String name, final Throwable failure, final boolean debug)
    {
        err.println(name + ": " + oneLine(describe(failure)));
        if (debug)
        {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    static String describe(final Throwable failure)
    {
        final Throwable cause = failure instanceof UncheckedIOException ? failure.getCause() : failure;
        if (cause instanceof CommandFailure || cause instanceof JournalException ||
            cause instanceof DemFormatException || cause instanceof ShotFormatException)
        {
            return cause.getMessage();
        }
        if (cause instanceof FileSystemException)
        {
            return reason((IOException)cause) + ", file=" + ((FileSystemException)cause).getFile();
        }
        if (cause instanceof IOException)
        {
            return "I/O failure: " + reason((IOException)cause);
        }
        if (cause instanceof OutOfMemoryError)
        {
            return "out of memory, heap=" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m (give the JVM more " +
                "with java -Xmx, or use smaller inputs)";
        }
        return "internal error: " + cause.getClass().getName() + ": " + cause.getMessage();
    }

    /**
     * @param ex a failure to use a file.
     * @return what went wrong in a few words, without the file's name.
     */
    public static String reason(final IOException ex)
    {
        return DecodeFailure.reason(ex);
    }

    private static String oneLine(final String message)
    {
        return String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
