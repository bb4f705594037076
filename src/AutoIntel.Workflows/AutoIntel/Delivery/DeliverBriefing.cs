using System.Text.Json.Serialization;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Storage;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel.Brief;
using AutoIntel.Workflows.AutoIntel.FactCheck;

namespace AutoIntel.Workflows.AutoIntel.Delivery;

/// <summary>Stage 9: posts the briefing through the channel webhook with the full report attached.</summary>
public sealed class DeliverBriefing(IRunDelivery delivery, IArtifactStore store) : IActivity<DeliverBriefingInput, DeliveryReceipt>
{
    /// <inheritdoc/>
    public async Task<DeliveryReceipt> RunAsync(ActivityContext context, DeliverBriefingInput input)
    {
        // The message shows each section's fields, never its data (a long run's are megabytes; the report and briefing.json have it),
        // so stored sections are read without it.
        var briefing = input.Sections is null
            ? input.Briefing
            : input.Briefing with { Sections = await StoredSections.ShownAsync(store, input.Sections, context.CancellationToken) };
        briefing = await NotCheckedClaims.ListAsync(store, briefing, input.NotChecked, context.CancellationToken);
        return await delivery.DeliverAsync(input.Handle, briefing, input.Report, context.CancellationToken);
    }
}

/// <summary>Input of <see cref="DeliverBriefing"/>.</summary>
/// <param name="NotChecked">The run's not-checked claims when they are not in the briefing (instances from
/// <see cref="WorkflowVersions.ClaimsByReference"/>); the message counts them as the briefing always has.</param>
/// <param name="Sections">The stored sections when they are not in the briefing (instances from <see cref="WorkflowVersions.SectionsByReference"/>).</param>
public sealed record DeliverBriefingInput(
    DeliveryHandle Handle,
    Briefing Briefing,
    ArtifactRef Report,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRef? NotChecked = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StoredSection>? Sections = null);
