package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad invocation of {@code qec-node} gets one line naming the option or file, exit code 2 for a bad flag or
 * setting and 1 for a bad file, and no stack trace unless {@code --debug} asks for one.
 */
class CliErrorsTest
{
    @Test
    void shouldRefuseDistancesTheCodeModelsCannotBuild()
    {
        assertBadFlag("must be an odd distance in [3, 51], --distance=0", "simulate", "-d", "0");
        assertBadFlag("must be an odd distance in [3, 51], --distance=-1", "simulate", "-d", "-1");
        assertBadFlag("must be an odd distance in [3, 51], --distance=4", "simulate", "-d", "4");
        assertBadFlag("must be an odd distance in [3, 51], --distance=53", "sim", "-d", "53");
        assertBadFlag("must be an odd distance in [3, 51], --distance=0", "run", "-d", "0");
    }

    @Test
    void shouldRefuseRoundsAndProbabilitiesOutOfRange()
    {
        assertBadFlag("must be in [1, 10000], --rounds=0", "simulate", "--rounds", "0");
        assertBadFlag("must be in [1, 10000], --rounds=-3", "run", "--rounds", "-3");
        assertBadFlag("must be a probability in (0, 0.5), --p=0.7", "sim", "--p", "0.7");
        assertBadFlag("must be a probability in (0, 0.5), --p=0.0", "simulate", "-p", "0");
        assertBadFlag("must be a probability in (0, 0.5), --p=NaN", "run", "-p", "NaN");
    }

    @Test
    void shouldRequireAUnitOnDurationsAndRefuseZeroWhereARunNeedsAnEnd()
    {
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --duration=3", "simulate", "--duration", "3");
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --period=1", "sim", "--period", "1");
        assertBadFlag("a duration needs a unit (ns, us, ms, s, m, h), --stop-after=5", "run", "--stop-after", "5");
        assertBadFlag("must be between 1ms and 8760h, --duration=0", "simulate", "--duration", "0");
        assertBadFlag("must be between 0 and 1s, --period=2s", "simulate", "--period", "2s");
        assertBadFlag("must be between 0 and 24h, --warmup=25h", "simulate", "--warmup", "25h");
        assertBadFlag("must be between 100ms and 24h, --report=0", "run", "--report", "0");
    }

    @Test
    void shouldRefuseCountsAndIdsOutOfRange()
    {
        assertBadFlag("must be in [1, 16], --nodes=1000", "simulate", "--memory", "--nodes", "1000");
        assertBadFlag("must be in [1, 16], --nodes=0", "simulate", "--memory", "--nodes", "0");
        assertBadFlag("must be in [1, 2], --threads=3", "simulate", "--threads", "3");
        assertBadFlag("must be in [0, 1000000000], --probe-every=-1", "simulate", "--memory", "--probe-every", "-1");
        assertBadFlag("must be >= 0, --node=-5", "run", "--node", "-5");
        assertBadFlag("must be >= 1, --in-stream=0", "run", "--in-stream", "0");
        assertBadFlag("must be >= 1, --stream=0", "sim", "--stream", "0");
        assertBadFlag("must be >= 0, --node=-1", "sim", "--node", "-1");
        assertBadFlag("must be >= 0, --logical-qubit=-1", "sim", "--logical-qubit", "-1");
        assertBadFlag("must be >= 0, --rounds-limit=-1", "sim", "--rounds-limit", "-1");
        assertBadFlag("not a whole number, --window=99999999999,1", "simulate", "--window", "99999999999,1");
    }

    @Test
    void shouldCheckAConfigFileAsItChecksFlags(@TempDir final Path dir) throws IOException
    {
        final Path config = Files.writeString(dir.resolve("node.properties"), "distance=4\n");
        assertBadFlag("must be an odd distance in [3, 51], --distance=4", "run", "--config", config.toString());
        assertBadFlag("must be >= 1, --checkpoint-every=0", "run", "--journal", dir.resolve("j").toString(),
            "--checkpoint-every", "0");
        assertFileError("cannot read the config file (no such file or directory), --config=" +
            dir.resolve("none.properties"), "run", "--config", dir.resolve("none.properties").toString());
    }

    @Test
    void shouldNameAnUnknownOptionAndPointAtTheHelp()
    {
        final CommandRunner.Run run = assertBadFlag("Unknown option: '--nodez'", "simulate", "--nodez");
        assertTrue(run.err().contains("did you mean --nodes?"), run.err());
    }

    @Test
    void shouldNameADemThatCannotBeReadOrParsed(@TempDir final Path dir) throws IOException
    {
        assertFileError("cannot read the DEM (no such file or directory), --dem=" + dir.resolve("none.dem"),
            "simulate", "--dem", dir.resolve("none.dem").toString());
        final Path bad = Files.writeString(dir.resolve("bad.dem"), "error(2) D0\n");
        assertFileError("--dem=" + bad, "sim", "--dem", bad.toString());
    }

    @Test
    void shouldBlameAnEmptyDemNotTheShotFile(@TempDir final Path dir) throws IOException
    {
        final Path dem = Files.writeString(dir.resolve("empty.dem"), "");
        final Path shots = Files.writeString(dir.resolve("s.01"), "0101\n");
        final CommandRunner.Run run = assertFileError("--dem=" + dem + ": the model has no detectors", "decode",
            "--dem", dem.toString(), "--in", shots.toString(), "--in_format", "01");
        assertFalse(run.err().contains("--in="), run.err());
    }

    @Test
    void shouldHintAtTheFormatAShotFileLooksLike(@TempDir final Path dir) throws IOException
    {
        final Path dem = Files.writeString(dir.resolve("m.dem"), "error(0.1) D0 D1\nerror(0.1) D1 D2\n" +
            "error(0.1) D2 D3\n");
        final Path text = Files.writeString(dir.resolve("s.01"), "0101\n0000\n1100\n");
        assertFileError("hint: the file looks like 01 (--in_format 01?)", "decode", "--dem", dem.toString(), "--in",
            text.toString(), "--in_format", "b8");
        final Path binary = Files.write(dir.resolve("s.b8"), new byte[]{0b1010, 0, 3});
        assertFileError("hint: the file looks binary (--in_format b8, r8 or ptb64?)", "decode", "--dem",
            dem.toString(), "--in", binary.toString(), "--in_format", "01");
        // 10 zeros before the first one: past the end of a 4-bit shot in r8, which names the other binary formats.
        assertFileError("hint: the file looks binary (--in_format b8 or ptb64?)", "decode", "--dem", dem.toString(),
            "--in", binary.toString(), "--in_format", "r8");
        final Path hits = Files.writeString(dir.resolve("s.hits"), "1,3\n\n0,1\n");
        assertFileError("hint: the file looks like hits (--in_format hits?)", "decode", "--dem", dem.toString(),
            "--in", hits.toString(), "--in_format", "01");
    }

    @Test
    void shouldDecodeAHundredMillionRepeatedErrorsInTheTestHeap(@TempDir final Path dir) throws IOException
    {
        // Unrolled, these were 10^8 mechanisms: an OutOfMemoryError in a 1 GB heap.
        final Path dem = Files.writeString(dir.resolve("big.dem"), "repeat 100000000 {\n    error(0.01) D0 D1\n}\n");
        final Path shots = Files.writeString(dir.resolve("s.01"), "11\n00\n");
        final CommandRunner.Run run = CommandRunner.run("decode", "--dem", dem.toString(), "--in", shots.toString(),
            "--in_format", "01", "--out", dir.resolve("p.01").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("decoded 2 shots"), run.err());
    }

    @Test
    void shouldShowTheStackTraceOnlyWithDebug()
    {
        final CommandRunner.Run run = CommandRunner.run("simulate", "-d", "0", "--debug");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("qec-node simulate: must be an odd distance"), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void shouldWordFailuresItDoesNotKnowAsInternalErrorsInOneLine()
    {
        assertEquals("internal error: java.lang.IllegalStateException: broken; twice",
            oneLine(CliErrors.describe(new IllegalStateException("broken\ntwice"))));
        assertEquals("no such file or directory, file=/x", CliErrors.describe(new NoSuchFileException("/x")));
        assertTrue(CliErrors.describe(new OutOfMemoryError("Java heap space")).startsWith("out of memory, heap="));
        assertEquals("gone, --journal=/j", CliErrors.describe(new CommandFailure("gone, --journal=/j")));
    }

    @Test
    void shouldAnswerAnErrorOrAnUnexpectedExceptionInACommandWithOneLine()
    {
        final StringWriter err = new StringWriter();
        final CommandLine root = CliErrors.install(new CommandLine(CommandSpec.create().name("qec-x"))
            .addSubcommand("oom", new CommandLine(CommandSpec.wrapWithoutInspection((Runnable)() ->
            {
                throw new OutOfMemoryError("Java heap space");
            })))
            .addSubcommand("bug", new CommandLine(CommandSpec.wrapWithoutInspection((Runnable)() ->
            {
                throw new IllegalStateException("no state");
            }))));
        root.setErr(new PrintWriter(err));

        assertEquals(1, CliErrors.execute(root, "oom"));
        assertTrue(err.toString().startsWith("qec-x oom: out of memory, heap="), err.toString());
        assertEquals(1, err.toString().split("\n").length, err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, CliErrors.execute(root, "bug"));
        assertEquals("qec-x bug: internal error: java.lang.IllegalStateException: no state\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(1, CliErrors.execute(root, "bug", "--debug"));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }

    private static String oneLine(final String text)
    {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static CommandRunner.Run assertBadFlag(final String expected, final String... args)
    {
        final CommandRunner.Run run = CommandRunner.run(args);
        assertEquals(2, run.exitCode(), run.toString());
        final String[] lines = run.err().split("\n");
        assertEquals(2, lines.length, run.toString());
        assertEquals("Try 'qec-node " + args[0] + " --help' for more information.", lines[1]);
        assertOneLine(run, expected, args[0]);
        return run;
    }

    private static CommandRunner.Run assertFileError(final String expected, final String... args)
    {
        final CommandRunner.Run run = CommandRunner.run(args);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.err().split("\n").length, run.toString());
        assertOneLine(run, expected, args[0]);
        return run;
    }

    private static void assertOneLine(final CommandRunner.Run run, final String expected, final String command)
    {
        final String line = run.err().split("\n")[0];
        assertTrue(line.startsWith("qec-node " + command + ": "), run.toString());
        assertTrue(line.contains(expected), run.toString());
        assertFalse(run.err().contains("Exception") || run.out().contains("Exception"), run.toString());
        assertFalse(run.err().contains("\tat ") || run.out().contains("\tat "), run.toString());
        assertEquals("", run.out(), run.toString());
    }
}
