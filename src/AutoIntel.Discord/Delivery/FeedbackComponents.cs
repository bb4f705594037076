using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>The feedback controls of a briefing: 👍 / 👎 and "a verdict is wrong" buttons, and the select of claims the last one opens.</summary>
/// <remarks>Custom ids are <c>autointel:fb:{action}:{run id}</c>: the run travels with the click, so no state is kept per message.</remarks>
public static class FeedbackComponents
{
    /// <summary>The 👍 button's action.</summary>
    public const string Up = "up";

    /// <summary>The 👎 button's action.</summary>
    public const string Down = "down";

    /// <summary>The "a verdict is wrong" button's action: opens the claim select.</summary>
    public const string PickClaims = "claims";

    /// <summary>The claim select's action: the chosen claims' verdicts are wrong.</summary>
    public const string WrongClaims = "wrong";

    private const string Prefix = "autointel:fb:";
    private const int SecondaryStyle = 2;
    private const int DangerStyle = 4;

    /// <summary>The button row for a briefing of <paramref name="runId"/>; null when the run id makes a custom id too long for Discord.</summary>
    public static MessageComponent? Buttons(string runId, bool hasClaims)
    {
        if (CustomId(PickClaims, runId).Length > MessageComponent.MaxCustomId)
        {
            return null;
        }

        List<MessageComponent> buttons =
        [
            new(MessageComponent.ButtonType, Style: SecondaryStyle, Label: "👍 Useful", CustomId: CustomId(Up, runId)),
            new(MessageComponent.ButtonType, Style: SecondaryStyle, Label: "👎 Not useful", CustomId: CustomId(Down, runId)),
        ];
        if (hasClaims)
        {
            buttons.Add(new(MessageComponent.ButtonType, Style: DangerStyle, Label: "A verdict is wrong", CustomId: CustomId(PickClaims, runId)));
        }

        return new MessageComponent(MessageComponent.ActionRowType, buttons);
    }

    /// <summary>A row with one select of the briefing's claims (the ones the message shows, at most 25); null without claims.</summary>
    public static MessageComponent? ClaimSelect(Briefing briefing)
    {
        ClaimVerdict[] shown = [.. briefing.Claims.OrderByDescending(c => c.Claim.CheckWorthiness).Take(Math.Min(BriefingEmbedBuilder.MaxClaimsShown, MessageComponent.MaxSelectOptions))];
        if (shown.Length == 0)
        {
            return null;
        }

        var options = shown
            .Select(c => new SelectOption(
                Fit($"{BriefingEmbedBuilder.Marker(c.Verdict)} {c.Claim.Text}"),
                c.Claim.Id,
                Fit($"{c.Verdict} · {c.Confidence.ToString("P0", CultureInfo.InvariantCulture)} · {c.Method}")))
            .ToList();
        var select = new MessageComponent(
            MessageComponent.StringSelectType,
            CustomId: CustomId(WrongClaims, briefing.RunId),
            Options: options,
            Placeholder: "Pick the claims whose verdict is wrong",
            MinValues: 1,
            MaxValues: options.Count);
        return new MessageComponent(MessageComponent.ActionRowType, [select]);
    }

    /// <summary>Reads a custom id of ours into its action and run id.</summary>
    public static bool TryParse(string? customId, [NotNullWhen(true)] out string? action, [NotNullWhen(true)] out string? runId)
    {
        (action, runId) = (null, null);
        if (customId is null || !customId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = customId[Prefix.Length..].Split(':', 2);
        if (parts.Length != 2 || parts[0] is not (Up or Down or PickClaims or WrongClaims) || parts[1].Length == 0)
        {
            return false;
        }

        (action, runId) = (parts[0], parts[1]);
        return true;
    }

    private static string CustomId(string action, string runId) => $"{Prefix}{action}:{runId}";

    private static string Fit(string text) =>
        text.Length <= MessageComponent.MaxOptionText ? text : string.Concat(text.AsSpan(0, MessageComponent.MaxOptionText - 1), "…");
}
