package io.qecnode.decoder.dem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemFormatExceptionTest
{
    private static final String GOOD_LINE = "error(0.1) D0 D1\n";

    @Test
    void shouldRejectAnUnknownInstruction()
    {
        assertRejected(GOOD_LINE + "detector_separator D1\n", 2, "detector_separator D1",
            "unknown instruction", "name=detector_separator");
    }

    @Test
    void shouldRejectAProbabilityAboveOne()
    {
        assertRejected(GOOD_LINE + "error(1.5) D0\n", 2, "error(1.5) D0", "probability must be in [0, 1]", "p=1.5");
    }

    @Test
    void shouldRejectANegativeProbability()
    {
        assertRejected("error(-0.01) D0\n", 1, "error(-0.01) D0", "probability must be in [0, 1]", "p=-0.01");
    }

    @Test
    void shouldRejectANotANumberProbability()
    {
        assertRejected("error(nan) D0\n", 1, "error(nan) D0", "not a number", "argument=nan");
    }

    @Test
    void shouldRejectAnInfiniteArgument()
    {
        assertRejected("detector(1e999) D0\n", 1, "detector(1e999) D0", "not a finite number", "argument=1e999");
    }

    @Test
    void shouldRejectAnErrorWithoutExactlyOneArgument()
    {
        assertRejected("error D0\n", 1, "error D0", "exactly one argument", "arguments=0");
        assertRejected("error(0.1, 0.2) D0\n", 1, "error(0.1, 0.2) D0", "exactly one argument", "arguments=2");
    }

    @Test
    void shouldRejectABadTarget()
    {
        assertRejected(GOOD_LINE + "error(0.1) D0 X3\n", 2, "error(0.1) D0 X3", "must be D#, L# or ^", "target=X3");
        assertRejected("error(0.1) D\n", 1, "error(0.1) D", "bad target", "target=D");
        assertRejected("error(0.1) D-1\n", 1, "error(0.1) D-1", "bad target", "target=D-1");
        assertRejected("error(0.1) D0^\n", 1, "error(0.1) D0^", "bad target", "target=D0^");
        assertRejected("error(0.1) 5\n", 1, "error(0.1) 5", "must be D#, L# or ^", "target=5");
        assertRejected("detector L0\n", 1, "detector L0", "must be detectors", "target=L0");
        assertRejected("logical_observable D0\n", 1, "logical_observable D0", "must be observables", "target=D0");
    }

    @Test
    void shouldRejectTargetsNotSeparatedFromTheInstruction()
    {
        assertRejected("error(0.1)D0\n", 1, "error(0.1)D0", "expected whitespace", "found='D'");
    }

    @Test
    void shouldRejectAMissingParenthesis()
    {
        assertRejected(GOOD_LINE + "error(0.1 D0\n", 2, "error(0.1 D0", "expected ',' or ')'", "found='D'");
        assertRejected("error(0.1\n", 1, "error(0.1", "no closing ')'", "");
        assertRejected("detector(1,) D0\n", 1, "detector(1,) D0", "empty argument", "argument=2");
    }

    @Test
    void shouldRejectAClosingBraceWithoutABlock()
    {
        assertRejected(GOOD_LINE + "}\n", 2, "}", "no matching 'repeat N {'", "");
    }

    @Test
    void shouldRejectABlockThatIsNeverClosed()
    {
        assertRejected(GOOD_LINE + "repeat 2 {\n    repeat 3 {\n    }\n    error(0.1) D0\n", 2, "repeat 2 {",
            "never closed", "openBlocks=1");
    }

    @Test
    void shouldRejectBracesWhereTheGrammarHasNone()
    {
        assertRejected("error(0.1) D0 {\n}\n", 1, "error(0.1) D0 {", "only 'repeat' opens a block",
            "instruction=error");
        assertRejected("repeat 2 { error(0.1) D0\n}\n", 1, "repeat 2 { error(0.1) D0", "only a comment may follow",
            "found='e'");
        assertRejected("repeat 2 {\n} error(0.1) D0\n", 2, "} error(0.1) D0", "must stand alone", "found='e'");
        assertRejected("repeat 2\n", 1, "repeat 2", "must end with '{'", "");
    }

    @Test
    void shouldRejectANegativeRepeatCount()
    {
        assertRejected("repeat -1 {\n}\n", 1, "repeat -1 {", "repeat count must be a non-negative integer",
            "count=-1");
    }

    @Test
    void shouldRejectRepeatArgumentsAndCountsThatAreNotOne()
    {
        assertRejected("repeat(2) 3 {\n}\n", 1, "repeat(2) 3 {", "no parenthesised arguments", "");
        assertRejected("repeat 2 3 {\n}\n", 1, "repeat 2 3 {", "exactly one target", "targets=2");
    }

    @Test
    void shouldRejectShiftDetectorsWithoutExactlyOneNumber()
    {
        assertRejected("shift_detectors(0, 0, 1)\n", 1, "shift_detectors(0, 0, 1)", "exactly one target",
            "targets=0");
        assertRejected("shift_detectors D1\n", 1, "shift_detectors D1", "non-negative integer", "shift=D1");
    }

    @Test
    void shouldRejectATargetIndexTooLargeToRead()
    {
        assertRejected("error(0.1) D1152921504606846976\n", 1, "error(0.1) D1152921504606846976",
            "number is too large", "max=1152921504606846975");
    }

    @Test
    void shouldRejectADetectorIndexBeyondTheSupportedMaximum()
    {
        assertRejected("error(0.1) D16777216\n", 1, "error(0.1) D16777216",
            "detector index exceeds the supported maximum", "detector=16777216, maxDetectors=16777216");
    }

    @Test
    void shouldRejectADetectorShiftedBeyondTheSupportedMaximumOnTheLineThatUsesIt()
    {
        assertRejected("shift_detectors 16777215\nerror(0.1) D0\ndetector D1\n", 3, "detector D1",
            "detector index exceeds the supported maximum", "detector=16777216");
    }

    @Test
    void shouldRejectAnObservableBeyondTheSixtyFourAMaskHolds()
    {
        assertRejected(GOOD_LINE + "error(0.1) D0 L64\n", 2, "error(0.1) D0 L64",
            "observable index exceeds the supported maximum", "observable=64, maxObservables=64");
    }

    @Test
    void shouldRejectAComponentOnMoreThanTwoDetectorsSuggestingDecomposition()
    {
        assertRejected(GOOD_LINE + "error(0.1) D0 D1 ^ D2 D3 D4 L0\n", 2, "error(0.1) D0 D1 ^ D2 D3 D4 L0",
            "--decompose_errors", "detectors=3, component=1");
    }

    @Test
    void shouldRejectMisplacedSeparators()
    {
        assertRejected("error(0.1) ^ D0\n", 1, "error(0.1) ^ D0", "first or last target", "");
        assertRejected("error(0.1) D0 ^\n", 1, "error(0.1) D0 ^", "first or last target", "");
        assertRejected("error(0.1) D0 ^ ^ D1\n", 1, "error(0.1) D0 ^ ^ D1", "adjacent separators", "");
    }

    @Test
    void shouldRejectATagWithoutItsClosingBracket()
    {
        assertRejected("error[abc(0.1) D0\n", 1, "error[abc(0.1) D0", "no closing ']'", "");
    }

    @Test
    void shouldRejectALineThatDoesNotStartWithAName()
    {
        assertRejected("5 D0\n", 1, "5 D0", "expected an instruction name", "found='5'");
    }

    @Test
    void shouldRejectRepeatBlocksThatUnrollBeyondTheInstructionBudget()
    {
        assertRejected(GOOD_LINE + "repeat 1000000 {\n    repeat 1000000 {\n        error(0.1) D0\n    }\n}\n", 2,
            "repeat 1000000 {", "unroll to more instructions", "maxExpandedInstructions=268435456");
    }

    @Test
    void shouldRejectAnOutOfRangeWeightResolutionBeforeParsing()
    {
        assertThrows(IllegalArgumentException.class, () -> DetectorErrorModel.parseText(GOOD_LINE, 0));
    }

    private static void assertRejected(
        final String text, final int line, final String lineText, final String problem, final String facts)
    {
        final DemFormatException ex = assertThrows(DemFormatException.class, () -> DetectorErrorModel.parseText(text));
        final String message = ex.getMessage();

        assertEquals(line, ex.lineNumber(), message);
        assertEquals(lineText, ex.lineText(), message);
        assertTrue(message.contains("line=" + line), message);
        assertTrue(message.contains("text=\"" + lineText + "\""), message);
        assertTrue(message.contains(problem), message);
        assertTrue(message.contains(facts), message);
    }
}
