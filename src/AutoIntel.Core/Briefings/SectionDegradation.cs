namespace AutoIntel.Core.Briefings;

/// <summary>A briefing section that did not come out as asked: the model's answer was unusable, so offline heuristics are shown, or the analysis failed outright.</summary>
/// <param name="Section">The section's name in lower case (<c>fallacies</c>, <c>claims</c>, <c>verification</c>, …).</param>
/// <param name="Reason">Why, in plain language (<c>model output invalid</c>, <c>no usable model (gpt-x: HTTP 500)</c>).</param>
/// <param name="Failed">True when nothing could be produced (even offline); false when offline heuristics stand in.</param>
public sealed record SectionDegradation(string Section, string Reason, bool Failed = false)
{
    /// <summary>True for every entry: present so the JSON of a section says <c>degraded: true</c> next to its reason.</summary>
    public bool Degraded { get; init; } = true;

    /// <summary>One line for readers, e.g. <c>Fallacies: model output invalid — offline heuristics shown</c>.</summary>
    /// <remarks>Snake_case section ids of declared analyses read as words (<c>loaded_language</c> → <c>Loaded language</c>).</remarks>
    public string Describe() =>
        $"{char.ToUpperInvariant(Section[0])}{Section[1..].Replace('_', ' ')}: {Reason} — {(Failed ? "analysis failed, nothing shown" : "offline heuristics shown")}";
}
