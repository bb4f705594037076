using Microsoft.Extensions.Options;

namespace AutoIntel.Memory;

/// <summary>Rejects a bad <c>Memory</c> section (Qdrant, per-guild retention, upkeep interval) at startup with every problem listed (ranges are checked by data annotations).</summary>
public sealed class MemoryOptionsValidator : IValidateOptions<MemoryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MemoryOptions options)
    {
        var q = options.Qdrant;
        var errors = new List<string>();
        foreach ((string guild, int days) in options.GuildRetentionDays.Where(g => g.Value is < 0 or > 36500))
        {
            errors.Add($"Memory:GuildRetentionDays:{guild} must be between 0 (keep forever) and 36500 days (was {days}).");
        }

        if (options.UpkeepInterval < TimeSpan.Zero)
        {
            errors.Add($"Memory:UpkeepInterval must not be negative (was {options.UpkeepInterval}); 0 turns the periodic upkeep off.");
        }

        if (!q.IsEnabled)
        {
            if (!string.IsNullOrWhiteSpace(q.ApiKey))
            {
                errors.Add("Memory:Qdrant:ApiKey is set but Memory:Qdrant:Url is not; set the Url (e.g. http://localhost:6334) or remove the key.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        if (!Uri.TryCreate(q.Url, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Memory:Qdrant:Url must be an absolute http(s) URL such as http://localhost:6334 (Qdrant's gRPC port) (was '{q.Url}').");
        }
        else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            // Not echoed whole: an api-key pasted into the query (or a password into the user info) would land in the start-up log.
            string shown = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            errors.Add($"Memory:Qdrant:Url must not have a query, fragment or user info (was '{shown}' with them); put a key in Memory:Qdrant:ApiKey.");
        }

        if (q.CollectionPrefix.Length > 100 || q.CollectionPrefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            errors.Add($"Memory:Qdrant:CollectionPrefix may hold letters, digits, '_', '-' and '.' only, at most 100 (was '{q.CollectionPrefix}').");
        }

        if (q.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Memory:Qdrant:Timeout must be positive (was {q.Timeout}).");
        }

        if (q.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Memory:Qdrant:MaxRetries must be between 0 and 10 (was {q.MaxRetries}).");
        }

        if (q.RetryBaseDelay < TimeSpan.Zero || q.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("Memory:Qdrant:RetryBaseDelay and MaxRetryAfter must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
