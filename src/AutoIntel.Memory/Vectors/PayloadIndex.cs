namespace AutoIntel.Memory.Vectors;

/// <summary>Decides which payload values are indexed (interned as ints for fast filters) and holds their ids for one collection.</summary>
/// <param name="indexedKeys">Keys to index; null indexes every key. Filters on other keys still work, by string comparison.</param>
internal sealed class PayloadIndex(IReadOnlySet<string>? indexedKeys)
{
    // Long values (texts, long URLs) are rarely filtered on and would bloat the id table; they are compared as strings.
    private const int MaxIndexedValueLength = 128;

    private readonly Dictionary<(string Key, string Value), int> _ids = [];

    /// <summary>Whether a key/value pair is kept in an int column.</summary>
    public bool IsIndexed(string key, string value) =>
        value.Length <= MaxIndexedValueLength && (indexedKeys is null || indexedKeys.Contains(key));

    /// <summary>The id of an indexed pair, adding it when new.</summary>
    public int Intern(string key, string value)
    {
        if (!_ids.TryGetValue((key, value), out int id))
        {
            id = _ids.Count;
            _ids.Add((key, value), id);
        }

        return id;
    }

    /// <summary>The id of an indexed pair that some row has (or had).</summary>
    public bool TryGet(string key, string value, out int id) => _ids.TryGetValue((key, value), out id);
}
