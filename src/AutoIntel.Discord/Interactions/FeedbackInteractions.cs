using AutoIntel.Core.Briefings;
using AutoIntel.Core.Quality;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Rest;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.Logging;

namespace AutoIntel.Discord.Interactions;

/// <summary>Answers clicks on a briefing's feedback controls (message-component interactions, type 3) on the same signed endpoint.</summary>
/// <remarks>
/// Every answer is visible only to the clicker: 👍 / 👎 reply with an ephemeral message (type 4), "a verdict is wrong" replies with an
/// ephemeral claim select, and choosing claims updates that ephemeral message in place (type 7) so the select disappears.
/// Like <see cref="WatchAnswer"/>, it is static over the handler's dependencies: the recorder is null in a host without an artifact
/// store (it registers <c>AddQualityLoop</c> with <c>AddAutoIntelServices</c>), and the workflow client is the handler's (in Functions,
/// the per-invocation Durable client).
/// </remarks>
internal static class FeedbackInteractions
{
    private const int UpdateMessageType = 7;

    /// <summary>Handles one component interaction whose user and ids the caller has checked.</summary>
    public static async Task<InteractionResponse> HandleAsync(
        FeedbackRecorder? recorder, IWorkflowClient workflows, Interaction interaction, string userId, ILogger log, CancellationToken cancellationToken)
    {
        if (recorder is null)
        {
            return InteractionHandler.Ephemeral("Feedback isn't enabled on this AutoIntel server.");
        }

        if (!FeedbackComponents.TryParse(interaction.Data?.CustomId, out string? action, out string? runId) || !InstanceIds.IsValid(runId))
        {
            return InteractionHandler.Ephemeral("That control isn't one of AutoIntel's (or it is from an older version). Run `/autointel` again for fresh buttons.");
        }

        string tenant = InteractionHandler.Tenant(interaction);
        InstanceStatus? status = await workflows.GetStatusAsync(runId, cancellationToken);
        Briefing? briefing = status is null || InteractionHandler.ReadTenant(status) != tenant ? null : await recorder.LoadBriefingAsync(runId, cancellationToken);
        if (briefing is null)
        {
            // Another server's run reads as unknown, like /autointel-status does.
            return InteractionHandler.Ephemeral($"I can't find the briefing of run `{runId}` any more, so I can't take feedback on it.");
        }

        log.LogInformation("Feedback {Action} on run {RunId} in tenant {Tenant}", action, runId, tenant);
        return action switch
        {
            FeedbackComponents.Up or FeedbackComponents.Down => await VoteAsync(recorder, briefing, tenant, userId, action == FeedbackComponents.Up ? FeedbackVote.Up : FeedbackVote.Down, cancellationToken),
            FeedbackComponents.PickClaims => FeedbackComponents.ClaimSelect(briefing) is { } select
                ? InteractionHandler.Ephemeral("Which verdicts are wrong? Pick every one you disagree with; picking again replaces your earlier choice.", [select])
                : InteractionHandler.Ephemeral("This briefing has no checked claims to mark."),
            _ => await MarkWrongAsync(recorder, briefing, tenant, userId, interaction.Data!.Values ?? [], cancellationToken),
        };
    }

    private static async Task<InteractionResponse> VoteAsync(FeedbackRecorder recorder, Briefing briefing, string tenant, string userId, FeedbackVote vote, CancellationToken cancellationToken)
    {
        FeedbackChange change = await recorder.VoteAsync(briefing, tenant, userId, vote, cancellationToken);
        string mark = vote == FeedbackVote.Up ? "👍" : "👎";
        return InteractionHandler.Ephemeral(change switch
        {
            FeedbackChange.Unchanged => $"You already gave this briefing a {mark}; it counts once.",
            FeedbackChange.Replaced => $"Changed your feedback on this briefing to {mark}. Thanks!",
            _ => $"Thanks for the {mark}! It helps AutoIntel pick better models.",
        });
    }

    private static async Task<InteractionResponse> MarkWrongAsync(FeedbackRecorder recorder, Briefing briefing, string tenant, string userId, IReadOnlyList<string> claimIds, CancellationToken cancellationToken)
    {
        FeedbackChange change = await recorder.MarkWrongClaimsAsync(briefing, tenant, userId, claimIds.Take(MessageComponent.MaxSelectOptions), cancellationToken);
        int marked = briefing.Claims.Count(c => claimIds.Contains(c.Claim.Id, StringComparer.Ordinal));
        string text = change == FeedbackChange.Unchanged
            ? $"You had already marked these {marked} verdict(s) as wrong; nothing changed."
            : $"Thanks! Marked {marked} verdict(s) as wrong; the models that gave them will be trusted less for fact-checks.";
        return InteractionHandler.Respond(UpdateMessageType, text, []);
    }
}
