using Microsoft.Extensions.Options;

namespace AutoIntel.Intelligence.Llm;

/// <summary>Rejects a bad <c>Llm</c> section at startup with every problem listed.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = new List<string>();
        CheckUri(options.Endpoint, "Llm:Endpoint", errors);
        if (options.ApiVersion is { } shortcutVersion && Providers.AzureApiVersions.Parse(shortcutVersion) is null)
        {
            errors.Add($"Llm:ApiVersion '{shortcutVersion}' is not supported; use one of {string.Join(", ", Providers.AzureApiVersions.Supported)}.");
        }

        foreach (var (key, provider) in options.Providers)
        {
            CheckUri(provider.Endpoint, $"Llm:Providers:{key}:Endpoint", errors);
            if (provider.Kind is not ("openai" or "azure" or "compatible"))
            {
                errors.Add($"Llm:Providers:{key}:Kind must be openai, azure or compatible (was '{provider.Kind}').");
            }

            if (provider.Kind != "openai" && string.IsNullOrWhiteSpace(provider.Endpoint))
            {
                errors.Add($"Llm:Providers:{key}:Endpoint is required for kind '{provider.Kind}'.");
            }

            if (provider.ApiVersion is { } apiVersion && Providers.AzureApiVersions.Parse(apiVersion) is null)
            {
                errors.Add($"Llm:Providers:{key}:ApiVersion '{apiVersion}' is not supported; use one of {string.Join(", ", Providers.AzureApiVersions.Supported)}.");
            }

            // The SDK refuses to send a bearer token over plain HTTP; say so at start rather than on every call.
            if (provider.Kind == "azure" && (provider.UseEntraId || string.IsNullOrWhiteSpace(provider.ApiKey))
                && Uri.TryCreate(provider.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"Llm:Providers:{key}:Endpoint must be https to sign in with Entra ID (no ApiKey set); was '{provider.Endpoint}'.");
            }
        }

        foreach (var m in options.Models)
        {
            var at = $"Llm:Models[{m.Name}]";
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                errors.Add("Llm:Models: every model needs a Name.");
            }

            if (!options.Providers.ContainsKey(m.Provider))
            {
                errors.Add($"{at}:Provider '{m.Provider}' is not in Llm:Providers.");
            }

            if (m.InputPricePer1K < 0 || m.OutputPricePer1K < 0)
            {
                errors.Add($"{at}: prices must not be negative.");
            }

            if (m.ContextWindow <= 0 || m.TypicalLatencyMs <= 0)
            {
                errors.Add($"{at}: ContextWindow and TypicalLatencyMs must be positive.");
            }

            if (m.Quality.Values.Append(m.DefaultQuality).Any(q => q is < 0 or > 1))
            {
                errors.Add($"{at}: quality priors must be between 0 and 1.");
            }
        }

        var r = options.Routing;
        if (r.CostWeight < 0 || r.LatencyWeight < 0 || r.QualityWeight < 0 || r.CostWeight + r.LatencyWeight + r.QualityWeight <= 0)
        {
            errors.Add("Llm:Routing: weights must be non-negative and not all zero.");
        }

        if (options.Cache.SemanticThreshold is <= 0 or > 1)
        {
            errors.Add("Llm:Cache:SemanticThreshold must be in (0, 1].");
        }

        if (options.Budgets.PerRunUsd < 0 || options.Budgets.PerTenantDailyUsd < 0 || options.Budgets.PerCallUsd < 0)
        {
            errors.Add("Llm:Budgets: caps must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUri(string? value, string name, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(value) && !Uri.TryCreate(value, UriKind.Absolute, out _))
        {
            errors.Add($"{name} must be an absolute URL (was '{value}').");
        }
    }
}
