namespace AutoIntel.Core.FactCheck;

/// <summary>The ids a verifier cites evidence by: <c>E1</c>, <c>E2</c>, … in list order.</summary>
public static class EvidenceIds
{
    /// <summary>The items with ids <c>E1</c> … <c>En</c> in order (any earlier ids are replaced, so ids are unique in the list).</summary>
    public static IReadOnlyList<Evidence> Number(IReadOnlyList<Evidence> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return [.. items.Select((e, i) => e.Id == For(i) ? e : e with { Id = For(i) })];
    }

    /// <summary>The id of the item at zero-based <paramref name="index"/>.</summary>
    public static string For(int index) => $"E{index + 1}";
}
