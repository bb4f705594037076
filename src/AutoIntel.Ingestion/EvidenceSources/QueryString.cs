using System.Text;

namespace AutoIntel.Ingestion.EvidenceSources;

/// <summary>Adds escaped query parameters to an endpoint that may already carry some.</summary>
internal static class QueryString
{
    /// <summary><paramref name="endpoint"/> with the parameters appended (names and values escaped).</summary>
    public static Uri Append(Uri endpoint, params (string Name, string Value)[] parameters)
    {
        var builder = new StringBuilder(endpoint.AbsoluteUri);
        char separator = endpoint.Query.Length > 1 ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString());
    }
}
