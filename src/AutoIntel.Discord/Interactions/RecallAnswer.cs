using AutoIntel.Memory.Recall;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Interactions;

/// <summary>The text of a <c>/autointel-recall</c> answer: a search of the invoking guild's memory, within Discord's 3-second window.</summary>
/// <remarks>
/// The answer is sent directly (type 4, ephemeral), not deferred: an embedded-store search takes milliseconds and a Qdrant one
/// tens of milliseconds. The search gets <see cref="Budget"/>; past it the user is told to try again, so Discord never
/// sees a late answer ("The application did not respond").
/// </remarks>
internal static class RecallAnswer
{
    /// <summary>Time allowed for the search, leaving room in Discord's 3 s for the request and response.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Discord's message content limit.</summary>
    private const int MaxContent = 2000;

    public static async Task<string> AnswerAsync(IMemoryRecall? memory, string tenant, string? query, ILogger log, CancellationToken cancellationToken)
    {
        if (memory is null)
        {
            return "Memory is not available on this host.";
        }

        query = query?.Trim();
        if (string.IsNullOrEmpty(query) || query.Length > MemoryRecall.MaxQueryLength)
        {
            return "Tell me what to look for: `/autointel-recall query:<words, a claim or a name>`.";
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            RecallResult result = await memory.SearchAsync(tenant, query, 5, budget.Token);
            return RecallText.Describe(result, run => $"run `{run}`", MaxContent);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Recall for tenant {Tenant} took longer than {Budget}", tenant, Budget);
            return "Memory is busy right now; please try again in a moment.";
        }
    }
}
