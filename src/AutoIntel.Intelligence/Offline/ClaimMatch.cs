namespace AutoIntel.Intelligence.Offline;

/// <summary>How closely a text matches a claim, on the offline analyzers' word rules.</summary>
public static class ClaimMatch
{
    /// <summary>0 … 1: the share of the claim's content terms that <paramref name="text"/> contains.</summary>
    public static double Coverage(string claim, string text)
    {
        var wanted = OfflineText.Terms(claim).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return 0;
        }

        var present = OfflineText.Terms(text).ToHashSet(StringComparer.Ordinal);
        return Math.Round(wanted.Count(present.Contains) / (double)wanted.Count, 4);
    }

    /// <summary>0 … 1: overlap of the content terms of two statements (Jaccard), to tell the same claim from a related one.</summary>
    public static double Similarity(string a, string b) => OfflineText.Jaccard(OfflineText.Terms(a), OfflineText.Terms(b));
}
