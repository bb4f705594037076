using AutoIntel.Discord.Rest;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord;

/// <summary>Checks the shape of <see cref="DiscordOptions"/> at startup; absent values are allowed (Discord is optional).</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.PublicKey) && (options.PublicKey.Length != 64 || !IsHex(options.PublicKey)))
        {
            failures.Add("Discord:PublicKey must be the application's public key: 64 hex characters.");
        }

        if (!string.IsNullOrEmpty(options.ApplicationId) && !options.ApplicationId.All(char.IsAsciiDigit))
        {
            failures.Add("Discord:ApplicationId must be a numeric snowflake.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out Uri? api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrEmpty(options.ReportChannelId) && !Snowflake.IsValid(options.ReportChannelId))
        {
            failures.Add("Discord:ReportChannelId must be a channel id (a numeric snowflake: right-click the channel → Copy Channel ID).");
        }

        if (!string.IsNullOrEmpty(options.DefaultWebhookUrl) && !WebhookCredentials.TryParse(options.DefaultWebhookUrl, out _))
        {
            failures.Add("Discord:DefaultWebhookUrl must look like https://discord.com/api/webhooks/{id}/{token}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
