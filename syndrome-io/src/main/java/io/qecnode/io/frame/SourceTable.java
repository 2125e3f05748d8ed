package io.qecnode.io.frame;

/**
 * A fixed number of {@link SequenceTracker}s, one per source node, claimed in order of first appearance and never
 * released, so lookups allocate nothing. Sources are few (the node's own hardware), so a linear scan is the fastest
 * lookup.
 */
final class SourceTable
{
    private final long[] sourceNodes;
    private final SequenceTracker[] trackers;
    private int count;

    SourceTable(final int capacity)
    {
        sourceNodes = new long[capacity];
        trackers = new SequenceTracker[capacity];
        for (int i = 0; i < capacity; i++)
        {
            trackers[i] = new SequenceTracker();
        }
    }

    /**
     * @param sourceNode whose tracker to find, claiming a free one for a new source.
     * @return the source's tracker, or null for a new source when every tracker is taken.
     */
    SequenceTracker trackerFor(final long sourceNode)
    {
        final long[] sourceNodes = this.sourceNodes;
        final int count = this.count;
        for (int i = 0; i < count; i++)
        {
            if (sourceNodes[i] == sourceNode)
            {
                return trackers[i];
            }
        }

        if (count == sourceNodes.length)
        {
            return null;
        }

        sourceNodes[count] = sourceNode;
        this.count = count + 1;

        return trackers[count];
    }

    int count()
    {
        return count;
    }

    int capacity()
    {
        return sourceNodes.length;
    }
}
