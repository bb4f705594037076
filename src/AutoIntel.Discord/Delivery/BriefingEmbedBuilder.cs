using System.Globalization;
using System.Text;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Discord.Interactions;
using AutoIntel.Discord.Rest;

namespace AutoIntel.Discord.Delivery;

/// <summary>Turns a briefing into Discord messages with embeds that respect every documented limit; what does not fit is split, never cut.</summary>
public static class BriefingEmbedBuilder
{
    /// <summary>Claims shown as embed fields; the rest are counted in a field that points to the attached report.</summary>
    public const int MaxClaimsShown = 25;

    private const int Blurple = 0x5865F2;
    private const string Continued = " (continued)";

    /// <summary>Builds the messages for one briefing, in posting order.</summary>
    public static IReadOnlyList<BriefingMessage> Build(Briefing briefing)
    {
        var drafts = new List<Draft>();

        string title = briefing.Title.Length == 0 ? "AutoIntel briefing" : briefing.Title;
        var header = new StringBuilder();
        if (title.Length > EmbedLimits.Title)
        {
            // The title field cannot hold it all, so the whole title opens the description.
            header.Append("**").Append(title).Append("**\n\n");
            title = string.Concat(title.AsSpan(0, EmbedLimits.Title - 1), "…");
        }

        if (briefing.Video is { } video)
        {
            header.Append(MarkdownBriefingRenderer.VideoLine(video)).Append("\n\n");
        }

        // A section that leads (the summary) is the header: its text the description, its fields (key points) the header's.
        BriefingSection[] leads = [.. (briefing.Sections ?? []).Where(s => s.Lead is not null)];
        foreach (BriefingSection lead in leads)
        {
            header.Append(lead.Lead);
        }

        var headerDraft = new Draft(title, header.ToString(), IsHttp(briefing.Source) ? briefing.Source : null);
        foreach (SectionField field in leads.SelectMany(s => s.Fields))
        {
            AddField(headerDraft, field.Name, field.Value);
        }

        if (briefing.Degradations is { Count: > 0 } degraded)
        {
            AddField(headerDraft, "⚠️ Degraded sections", string.Join('\n', degraded.Select(d => "• " + d.Describe())));
        }

        drafts.Add(headerDraft);

        ClaimVerdict[] checkedClaims = [.. briefing.Claims.Where(c => c.WasChecked)];
        int notChecked = briefing.Claims.Count - checkedClaims.Length;
        if (briefing.Claims.Count > 0)
        {
            var claims = new Draft($"Claims checked ({checkedClaims.Length})", null, null);
            ClaimVerdict[] shown = [.. BySpeaker(checkedClaims.OrderByDescending(c => c.Claim.CheckWorthiness).Take(MaxClaimsShown), checkedClaims)];
            foreach (ClaimVerdict claim in shown)
            {
                string rationale = string.IsNullOrWhiteSpace(claim.Rationale) ? string.Empty : $"\n*{claim.Rationale}*";
                string speaker = claim.Claim.Speaker is null ? string.Empty : $"🗣 {claim.Claim.Speaker} · ";
                AddField(claims, $"{speaker}{Marker(claim.Verdict)} {claim.Verdict} · {claim.Confidence.ToString("P0", CultureInfo.InvariantCulture)}", claim.Claim.Text + rationale + SourceLinks(claim.Evidence));
            }

            if (checkedClaims.Length > shown.Length)
            {
                AddField(claims, "More claims", $"{checkedClaims.Length - shown.Length} more claims and every piece of evidence are in the attached report.");
            }

            if (notChecked > 0)
            {
                // The report lists only the first MarkdownBriefingRenderer.NotCheckedListed of them and counts the rest.
                string where = notChecked <= MarkdownBriefingRenderer.NotCheckedListed
                    ? "they are listed in the attached report"
                    : $"the attached report lists the first {MarkdownBriefingRenderer.NotCheckedListed}";
                AddField(claims, "Not checked at this depth", $"{notChecked} more claims were found but not verified at depth {briefing.Depth.ToString().ToLowerInvariant()}; {where}.");
            }

            drafts.Add(claims);
        }

        // Declared analyses (AnalysisCatalog) bring their own fields (fallacies: the most confident few); each gets an embed of its own.
        foreach (BriefingSection section in (briefing.Sections ?? []).Where(s => s.Lead is null && s.Fields.Count > 0))
        {
            var draft = new Draft(section.Title, null, null);
            foreach (SectionField field in section.Fields)
            {
                AddField(draft, field.Name, field.Value);
            }

            drafts.Add(draft);
        }

        if (briefing.Notes.Count > 0)
        {
            AddField(drafts[^1], "Notes", string.Join('\n', briefing.Notes.Select(n => "• " + n)));
        }

        List<Embed> embeds = [.. drafts.SelectMany(Expand)];
        string footer = CostLine(briefing);
        if (EmbedLimits.CountedLength(embeds[^1]) + footer.Length <= EmbedLimits.TotalCharacters)
        {
            embeds[^1] = embeds[^1] with { Footer = new EmbedFooter(footer) };
        }
        else
        {
            embeds.Add(new Embed(Color: Blurple, Footer: new EmbedFooter(footer)));
        }

        string content = $"📋 **AutoIntel briefing** ({briefing.Depth.ToString().ToLowerInvariant()})";
        return Pack(content, embeds);
    }

    /// <summary>The one-line cost and timing summary shown in the footer.</summary>
    public static string CostLine(Briefing briefing)
    {
        double totalMs = briefing.Stages.Sum(s => s.DurationMs);
        string cost = briefing.Cost.LlmCalls == 0
            ? "offline analysis, no LLM cost"
            : $"${briefing.Cost.Usd.ToString("0.0000", CultureInfo.InvariantCulture)} · {briefing.Cost.LlmCalls} LLM calls · {briefing.Cost.CacheHits} cache hits";
        string slowest = string.Join(", ", briefing.Stages.OrderByDescending(s => s.DurationMs).Take(3).Select(s => $"{s.Name} {RunStatusText.FormatDuration(s.DurationMs)}"));
        string line = $"{cost} · ⏱ {RunStatusText.FormatDuration(totalMs)}{(slowest.Length > 0 ? $" ({slowest})" : string.Empty)} · run {briefing.RunId}";
        return line.Length <= EmbedLimits.Footer ? line : line[..EmbedLimits.Footer];
    }

    /// <summary>The verdict marker: ✅ supported, ❌ refuted, ⚠️ mixed or misleading, ❔ unverified.</summary>
    public static string Marker(Verdict verdict) => verdict switch
    {
        Verdict.Supported => "✅",
        Verdict.Refuted => "❌",
        Verdict.Mixed or Verdict.Misleading => "⚠️",
        _ => "❔",
    };

    /// <summary>Up to <see cref="MaxSourcesShown"/> linked evidence items of a claim ("\n🔗 [Full Fact: …](url) · …"), or nothing.</summary>
    public static string SourceLinks(IReadOnlyList<Evidence> evidence)
    {
        var links = evidence
            .Where(e => e.Url is not null && IsHttp(e.Url))
            .Take(MaxSourcesShown)
            .Select(e =>
            {
                var label = e.Publisher is { } p && e.Title is { } t && !t.Contains(p, StringComparison.OrdinalIgnoreCase) ? $"{p}: {t}" : e.Title ?? e.Publisher ?? e.Source;
                label = label.Length <= 60 ? label : string.Concat(label.AsSpan(0, 59), "…");
                // Brackets would end the link text early; a bare ")" would end the URL.
                return $"[{label.Replace('[', '(').Replace(']', ')')}]({e.Url!.Replace(")", "%29", StringComparison.Ordinal)})";
            })
            .ToList();
        return links.Count == 0 ? string.Empty : "\n🔗 " + string.Join(" · ", links);
    }

    /// <summary>Evidence links shown under each claim; the rest are in the attached report.</summary>
    public const int MaxSourcesShown = 3;

    // The claims shown, each speaker's together (speakers in the order the briefing first lists them, unattributed last);
    // within a speaker the most check-worthy first. Without speakers the order is unchanged.
    private static IEnumerable<ClaimVerdict> BySpeaker(IEnumerable<ClaimVerdict> shown, IReadOnlyList<ClaimVerdict> all)
    {
        IReadOnlyList<SpeakerClaims>? groups = SpeakerClaims.Group(all);
        if (groups is null)
        {
            return shown;
        }

        List<string?> order = [.. groups.Select(g => g.Speaker)];
        return shown.OrderBy(c => order.IndexOf(c.Claim.Speaker));
    }

    private static bool IsHttp(string source) =>
        source.Length <= 2048 && Uri.TryCreate(source, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static void AddField(Draft draft, string name, string value)
    {
        if (name.Length > EmbedLimits.FieldName)
        {
            value = name + "\n" + value;
            name = string.Concat(name.AsSpan(0, EmbedLimits.FieldName - 1), "…");
        }

        IReadOnlyList<string> parts = TextSplitter.Split(value.Length == 0 ? "—" : value, EmbedLimits.FieldValue);
        for (int i = 0; i < parts.Count; i++)
        {
            draft.Fields.Add(new EmbedField(i == 0 ? name : "↳" + Continued, parts[i]));
        }
    }

    // One draft becomes as many embeds as its description and fields need; the reserve keeps room for the footer.
    private static IEnumerable<Embed> Expand(Draft draft)
    {
        const int Budget = EmbedLimits.TotalCharacters - EmbedLimits.Footer;
        string continuedTitle = draft.Title.Length + Continued.Length <= EmbedLimits.Title ? draft.Title + Continued : "…" + Continued;
        IReadOnlyList<string> descriptions = draft.Description is null ? [] : TextSplitter.Split(draft.Description, Budget - EmbedLimits.Title);
        for (int i = 0; i < descriptions.Count - 1; i++)
        {
            yield return new Embed(i == 0 ? draft.Title : continuedTitle, descriptions[i], i == 0 ? draft.Url : null, Blurple);
        }

        string embedTitle = descriptions.Count > 1 ? continuedTitle : draft.Title;
        string? description = descriptions.Count > 0 ? descriptions[^1] : null;
        string? url = descriptions.Count > 1 ? null : draft.Url;
        var fields = new List<EmbedField>();
        int used = embedTitle.Length + (description?.Length ?? 0);
        foreach (EmbedField field in draft.Fields)
        {
            int size = field.Name.Length + field.Value.Length;
            if (fields.Count == EmbedLimits.Fields || used + size > Budget)
            {
                yield return new Embed(embedTitle, description, url, Blurple, fields);
                (embedTitle, description, url, fields) = (continuedTitle, null, null, []);
                used = embedTitle.Length;
            }

            fields.Add(field);
            used += size;
        }

        yield return new Embed(embedTitle, description, url, Blurple, fields.Count > 0 ? fields : null);
    }

    private static List<BriefingMessage> Pack(string content, List<Embed> embeds)
    {
        var messages = new List<BriefingMessage>();
        var current = new List<Embed>();
        int used = 0;
        foreach (Embed embed in embeds)
        {
            int size = EmbedLimits.CountedLength(embed);
            if (current.Count == EmbedLimits.EmbedsPerMessage || (current.Count > 0 && used + size > EmbedLimits.TotalCharacters))
            {
                messages.Add(new BriefingMessage(messages.Count == 0 ? content : null, current));
                (current, used) = ([], 0);
            }

            current.Add(embed);
            used += size;
        }

        messages.Add(new BriefingMessage(messages.Count == 0 ? content : null, current));
        return messages;
    }

    private sealed class Draft(string title, string? description, string? url)
    {
        public string Title { get; } = title;

        public string? Description { get; } = description;

        public string? Url { get; } = url;

        public List<EmbedField> Fields { get; } = [];
    }
}
