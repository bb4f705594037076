using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AutoIntel.Discord;

/// <summary>Reports whether the Discord public key is present (without it every interaction is refused), and whether a bot token is.</summary>
/// <remarks>A missing key gives the registration's failure status, degraded by default: the CLI works without Discord.
/// Presence only: the options validator already refuses a malformed key at start.</remarks>
public sealed class DiscordHealthCheck(IOptions<DiscordOptions> options) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DiscordOptions discord = options.Value;
        string token = discord.HasBotToken ? "bot token present" : "no bot token (deliveries use the interaction's webhook)";
        HealthStatus failure = context?.Registration.FailureStatus ?? HealthStatus.Degraded;
        return Task.FromResult(string.IsNullOrWhiteSpace(discord.PublicKey)
            ? new HealthCheckResult(failure, $"Discord:PublicKey missing: interactions are refused; {token}")
            : HealthCheckResult.Healthy($"public key present; {token}"));
    }
}
