namespace AutoIntel.Memory.Vectors;

/// <summary>A payload filter resolved against the interned values: indexed keys with their value ids, and long values compared as strings.</summary>
internal sealed record CompiledFilter(string[] Keys, int[] ValueIds, KeyValuePair<string, string>[] LongValues)
{
    /// <summary>The filter that matches every row.</summary>
    public static CompiledFilter All { get; } = new([], [], []);
}
