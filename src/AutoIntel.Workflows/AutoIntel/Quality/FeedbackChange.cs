namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>What a click did to a reader's feedback.</summary>
public enum FeedbackChange
{
    /// <summary>The reader's first feedback on the run.</summary>
    Recorded,

    /// <summary>It replaced what the reader said before (👍 → 👎, another set of wrong verdicts).</summary>
    Replaced,

    /// <summary>The reader said this already: nothing is counted twice.</summary>
    Unchanged,
}
