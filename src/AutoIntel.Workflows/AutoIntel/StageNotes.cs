namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Merges the notes of many analyzer results into one list for the briefing.</summary>
public static class StageNotes
{
    /// <summary>Every note once, in the order first seen (the caller fixes the order of the results, so replays agree).</summary>
    public static IReadOnlyList<string> Collect(IEnumerable<IReadOnlyList<string>?> notes)
    {
        // Distinct keeps first occurrences in input order; nothing here depends on hash-set iteration order.
        return [.. notes.SelectMany(n => n ?? []).Distinct(StringComparer.Ordinal)];
    }
}
