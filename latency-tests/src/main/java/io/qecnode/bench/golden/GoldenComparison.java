package io.qecnode.bench.golden;

import io.qecnode.decoder.unionfind.DecoderMode;

/**
 * One decoder mode's figures on one case beside PyMatching's, plain and correlated, with the ratios the accuracy and
 * speed targets are stated in. A ratio that cannot be formed (the case gives no correlated or 2.4 figures, or
 * PyMatching made no mistakes to divide by) is NaN.
 *
 * @param golden             the case, with PyMatching's figures from case.json.
 * @param shots              shots decoded.
 * @param pymatchingMistakes plain PyMatching's mistakes, counted from its predictions on these shots.
 * @param mode               the decoder mode.
 * @param run                what the mode did on the shots.
 */
public record GoldenComparison(GoldenCase golden, long shots, long pymatchingMistakes, DecoderMode mode, GoldenRun run)
{
    /** @return our mistakes over plain PyMatching's. */
    public double mistakesOverPlain()
    {
        return ratio(run.mistakes(), pymatchingMistakes);
    }

    /** @return our mistakes over correlated PyMatching's. */
    public double mistakesOverCorrelated()
    {
        return golden.hasCorrelated() ? ratio(run.mistakes(), golden.pymatchingCorrelatedErrors()) : Double.NaN;
    }

    /** @return our time per round over plain PyMatching 2.4's (NaN propagates where the case lacks it). */
    public double timeOverPlain()
    {
        return run.usPerRound() / golden.pymatching24UsPerRound();
    }

    /** @return the share of shots where we predict what plain PyMatching predicts. */
    public double agreement()
    {
        return (double)run.agreements() / shots;
    }

    private static double ratio(final long ours, final long theirs)
    {
        return theirs > 0 ? (double)ours / theirs : Double.NaN;
    }
}
