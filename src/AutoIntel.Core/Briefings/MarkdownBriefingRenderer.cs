using System.Globalization;
using System.Text;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Content;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Core.Briefings;

/// <summary>Renders a briefing as a self-contained Markdown report (the file attached to the Discord message).</summary>
public static class MarkdownBriefingRenderer
{
    private const int QuoteChars = 280;

    /// <summary>How many claims not checked at this depth the report lists; the rest are counted in one line, and
    /// <c>briefing.json</c> lists them all. A long transcript yields tens of thousands, which no reader goes through (and which made
    /// a 20 MiB subtitle file's report 9.5 MB, too large to attach to a Discord message).</summary>
    public const int NotCheckedListed = 100;

    /// <summary>The Markdown report of a briefing; every piece of user content in it is escaped.</summary>
    public static string Render(Briefing briefing) => string.Concat(Build(briefing, 0).Select(part => part.ToString()));

    /// <summary>Writes the Markdown report of a briefing to <paramref name="utf8"/> as UTF-8 (no byte order mark): the same bytes as
    /// <see cref="Render"/>'s text, without the whole report as one string and again as bytes (a long run's is megabytes).</summary>
    public static Task WriteAsync(Stream utf8, Briefing briefing, CancellationToken cancellationToken = default) =>
        WriteAsync(utf8, briefing, 0, cancellationToken);

    /// <summary>Writes the Markdown report of a briefing whose claims are followed by <paramref name="moreNotChecked"/> more claims
    /// not checked at this depth, which the report only counts (<see cref="NotCheckedListed"/>): the same bytes as
    /// <see cref="Render"/> of the briefing with all of them in <see cref="Briefing.Claims"/>.</summary>
    public static async Task WriteAsync(Stream utf8, Briefing briefing, int moreNotChecked, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(moreNotChecked);
        var parts = Build(briefing, moreNotChecked);
        await using var writer = new StreamWriter(utf8, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        foreach (var part in parts)
        {
            await writer.WriteAsync(part, cancellationToken);
        }
    }

    // The report in order, its trailing white space trimmed to one final newline. The sections' bodies (a long run's are a million
    // characters and more) are parts of their own, taken as they are instead of being copied into the report's text.
    private static List<ReadOnlyMemory<char>> Build(Briefing briefing, int moreNotChecked)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var report = new Parts();
        var md = report.Text;
        WriteHeader(md, briefing);
        WriteDegradations(md, briefing.Degradations ?? []);
        // A section that leads (the summary) comes before the claims, the others after them.
        WriteSections(report, [.. (briefing.Sections ?? []).Where(s => s.Lead is not null)]);
        var listed = Listed(briefing.Claims);
        WriteClaims(md, listed, briefing.Claims.Count - listed.Count + moreNotChecked);
        WriteSections(report, [.. (briefing.Sections ?? []).Where(s => s.Lead is null)]);
        WriteMemory(md, briefing.Memory);
        WriteCost(md, briefing);
        WriteNotes(md, briefing.Notes);
        return report.Finish();
    }

    /// <summary>The marker and word shown for a verdict (✅ supported, ❌ refuted, ⚠️ mixed or misleading, ❔ unverified).</summary>
    public static string VerdictLabel(Verdict verdict) => verdict switch
    {
        Verdict.Supported => "\u2705 Supported",
        Verdict.Refuted => "\u274C Refuted",
        Verdict.Mixed => "\u26A0\uFE0F Mixed",
        Verdict.Misleading => "\u26A0\uFE0F Misleading",
        _ => "\u2754 Unverified",
    };

    private static void WriteHeader(StringBuilder md, Briefing b)
    {
        var title = string.IsNullOrWhiteSpace(b.Title) ? "Untitled source" : b.Title;
        md.Append("# ").Append(MarkdownText.Inline(title)).Append("\n\n");
        md.Append("**Source:** ").Append(MarkdownText.Link(b.Source)).Append("  \n");
        if (b.Video is { } video)
        {
            md.Append(VideoLine(video)).Append("  \n");
        }

        md.Append("**Depth:** ").Append(b.Depth.ToString().ToLowerInvariant())
          .Append(" · **Run:** `").Append(b.RunId.Replace("`", string.Empty, StringComparison.Ordinal)).Append('`')
          .Append(" · **Created:** ").Append(b.CreatedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC\n\n");
    }

    /// <summary>"**Channel:** … · **Duration:** 1:02:03 · **Uploaded:** 2024-03-02 · **From:** automatic captions (en)", leaving out what the site did not say.</summary>
    public static string VideoLine(VideoInfo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var parts = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(video.Channel))
        {
            parts.Add("**Channel:** " + MarkdownText.Inline(video.Channel));
        }

        if (video.Duration is { } duration)
        {
            parts.Add("**Duration:** " + duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture));
        }

        if (video.Uploaded is { } uploaded)
        {
            parts.Add("**Uploaded:** " + uploaded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        parts.Add("**From:** " + MarkdownText.Inline(video.Language is null ? video.Track : $"{video.Track} ({video.Language})"));
        return string.Join(" · ", parts);
    }

    // Up front, so a reader knows before the sections which of them are stand-ins (a degraded section may well be empty).
    private static void WriteDegradations(StringBuilder md, IReadOnlyList<SectionDegradation> degradations)
    {
        if (degradations.Count == 0)
        {
            return;
        }

        md.Append("> \u26A0\uFE0F **Degraded sections**\n");
        foreach (var d in degradations)
        {
            md.Append("> - ").Append(MarkdownText.Inline(d.Describe())).Append('\n');
        }

        md.Append('\n');
    }

    // The claims the report lists: every one up to the last checked claim and the first NotCheckedListed not checked, whichever
    // reaches further (the briefing lists checked claims first), so the claims left out are all not checked and numbers stay the briefing's.
    private static IReadOnlyList<ClaimVerdict> Listed(IReadOnlyList<ClaimVerdict> claims)
    {
        int end = 0, notChecked = 0;
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].WasChecked || ++notChecked <= NotCheckedListed)
            {
                end = i + 1;
            }
        }

        return end == claims.Count ? claims : [.. claims.Take(end)];
    }

    private static void WriteClaims(StringBuilder md, IReadOnlyList<ClaimVerdict> claims, int unlisted)
    {
        md.Append("## Claims\n\n");
        if (claims.Count == 0)
        {
            md.Append("_No checkable claims were found._\n\n");
            return;
        }

        // A transcript with labelled speakers gets one table per speaker; numbers stay the briefing's, so evidence still matches.
        var bySpeaker = SpeakerClaims.Group(claims);
        if (bySpeaker is null)
        {
            WriteClaimTable(md, claims, Enumerable.Range(0, claims.Count));
        }
        else
        {
            foreach (var group in bySpeaker)
            {
                md.Append("### ").Append(group.Speaker is null ? "Unattributed" : MarkdownText.Inline(group.Speaker))
                  .Append(" (").Append(group.Claims.Count).Append(group.Claims.Count == 1 ? " claim" : " claims").Append(")\n\n");
                WriteClaimTable(md, claims, group.Claims);
            }
        }

        if (unlisted > 0)
        {
            md.Append('_').Append(unlisted.ToString("N0", CultureInfo.InvariantCulture))
              .Append(unlisted == 1 ? " more claim was" : " more claims were")
              .Append(" found but not checked at this depth; briefing.json lists every claim._\n\n");
        }

        md.Append("### Evidence\n\n");

        // Claims without evidence that share a verdict and rationale (typically "unverified offline") are listed once
        // as a group, so the section does not repeat one line per claim; claims with evidence always stand alone.
        var groups = Enumerable.Range(0, claims.Count)
            .Where(i => claims[i].Evidence.Count == 0)
            .GroupBy(i => (claims[i].Verdict, claims[i].Rationale))
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.First(), g => g.ToList());
        var grouped = groups.Values.SelectMany(g => g).ToHashSet();
        for (var i = 0; i < claims.Count; i++)
        {
            var c = claims[i];
            if (groups.TryGetValue(i, out var members))
            {
                md.Append("**").Append(NumberRanges(members)).Append(".** ").Append(VerdictLabel(c.Verdict)).Append(" — ")
                  .Append(MarkdownText.Inline(c.Rationale)).Append("\n\n");
                continue;
            }

            if (grouped.Contains(i))
            {
                continue;
            }

            md.Append("**").Append(i + 1).Append(".** ").Append(VerdictLabel(c.Verdict)).Append(" — ")
              .Append(MarkdownText.Inline(c.Rationale)).Append('\n');
            foreach (var e in c.Evidence)
            {
                WriteEvidence(md, e);
            }

            md.Append('\n');
        }
    }

    // "- `E1` [Title](url) (wikipedia · Wikipedia · 2024-03-01) rated “False”: “quote” (relevance 80%)": what, where, who, when, then the words.
    private static void WriteEvidence(StringBuilder md, Evidence e)
    {
        md.Append("- ");
        if (e.Id is not null)
        {
            md.Append('`').Append(MarkdownText.Inline(e.Id)).Append("` ");
        }

        var label = MarkdownText.Inline(e.Title ?? e.Publisher ?? e.Source);
        if (e.Url is not null && MarkdownText.Link(e.Url).StartsWith('<'))
        {
            md.Append('[').Append(label).Append("](").Append(e.Url.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
        }
        else
        {
            md.Append(label);
        }

        var about = new[] { e.Source, e.Publisher, e.Date is { Length: >= 10 } d ? d[..10] : e.Date }
            .Where(x => !string.IsNullOrWhiteSpace(x) && MarkdownText.Inline(x!) != label)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (about.Count > 0)
        {
            md.Append(" (").Append(MarkdownText.Inline(string.Join(" \u00B7 ", about))).Append(')');
        }

        if (e.Rating is not null)
        {
            md.Append(" rated \u201C").Append(MarkdownText.Inline(MarkdownText.Truncate(e.Rating, QuoteChars))).Append('\u201D');
        }

        md.Append(": \u201C").Append(MarkdownText.Inline(MarkdownText.Truncate(e.Quote, QuoteChars))).Append('\u201D')
          .Append(" (relevance ").Append(Percent(e.Relevance)).Append(")\n");
    }

    private static void WriteClaimTable(StringBuilder md, IReadOnlyList<ClaimVerdict> claims, IEnumerable<int> rows)
    {
        md.Append("| # | Verdict | Claim | Confidence | Checked by |\n|---|---|---|---|---|\n");
        foreach (var i in rows)
        {
            var c = claims[i];
            md.Append("| ").Append(i + 1)
              .Append(" | ").Append(VerdictLabel(c.Verdict))
              .Append(" | ").Append(MarkdownText.Inline(MarkdownText.Truncate(c.Claim.Text, QuoteChars)))
              .Append(" | ").Append(Percent(c.Confidence))
              .Append(" | ").Append(MarkdownText.Inline(c.Method))
              .Append(" |\n");
        }

        md.Append('\n');
    }

    // Zero-based claim indexes as one-based ranges: [0, 1, 2, 4] -> "1–3, 5".
    private static string NumberRanges(List<int> indexes)
    {
        var parts = new List<string>();
        for (var k = 0; k < indexes.Count;)
        {
            var end = k;
            while (end + 1 < indexes.Count && indexes[end + 1] == indexes[end] + 1)
            {
                end++;
            }

            parts.Add(end > k
                ? string.Create(CultureInfo.InvariantCulture, $"{indexes[k] + 1}\u2013{indexes[end] + 1}")
                : (indexes[k] + 1).ToString(CultureInfo.InvariantCulture));
            k = end + 1;
        }

        return string.Join(", ", parts);
    }

    // Declared analyses bring their own body (escaped by the analysis); the renderer only frames it.
    private static void WriteSections(Parts report, IReadOnlyList<BriefingSection> sections)
    {
        foreach (var section in sections.Where(s => s.Markdown.Length > 0))
        {
            report.Text.Append("## ").Append(MarkdownText.Inline(section.Title)).Append("\n\n");
            report.Add(section.Markdown.AsMemory().TrimEnd());
            report.Text.Append("\n\n");
        }
    }

    private static void WriteMemory(StringBuilder md, MemoryReport memory)
    {
        md.Append("## What memory already knew\n\n");
        if (memory.DuplicateOf is null && memory.PriorVerdictsReused == 0 && memory.ItemsStored == 0
            && memory.GraphNodes == 0 && memory.RelatedSources.Count == 0)
        {
            md.Append("_Memory was not consulted for this run._\n\n");
            return;
        }

        md.Append(memory.DuplicateOf is null
            ? "- No earlier run covered the same content.\n"
            : $"- Near-duplicate of {MarkdownText.Link(memory.DuplicateOf)} (similarity {Percent(memory.DuplicateSimilarity)}).\n");
        md.Append("- Verdicts reused from memory: ").Append(memory.PriorVerdictsReused).Append('\n');
        md.Append("- Related sources: ")
          .Append(memory.RelatedSources.Count == 0 ? "none" : string.Join(", ", memory.RelatedSources.Select(r =>
              r.Similarity > 0 ? $"{MarkdownText.Link(r.Source)} (similarity {r.Similarity.ToString("0.00", CultureInfo.InvariantCulture)})" : MarkdownText.Link(r.Source))))
          .Append('\n');
        md.Append("- Stored this run: ").Append(memory.ItemsStored).Append(" items; knowledge graph now ")
          .Append(memory.GraphNodes).Append(" nodes, ").Append(memory.GraphEdges).Append(" edges\n\n");
    }

    private static void WriteCost(StringBuilder md, Briefing b)
    {
        md.Append("## Cost and timing\n\n");
        var c = b.Cost;
        md.Append("**Cost:** ").Append(Usd(c.Usd)).Append(" · ").Append(c.LlmCalls).Append(c.LlmCalls == 1 ? " LLM call" : " LLM calls")
          .Append(" · ").Append(c.CacheHits).Append(c.CacheHits == 1 ? " cache hit" : " cache hits")
          .Append(" · ").Append(Usd(c.UsdSaved)).Append(" saved")
          .Append(" · ").Append(c.InputTokens.ToString("N0", CultureInfo.InvariantCulture)).Append(" in / ")
          .Append(c.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)).Append(" out tokens\n\n");
        if (b.Stages.Count == 0)
        {
            return;
        }

        md.Append("| Stage | Duration | Activities |\n|---|---:|---:|\n");
        foreach (var s in b.Stages)
        {
            md.Append("| ").Append(MarkdownText.Inline(s.Name)).Append(" | ").Append(Duration(s.DurationMs)).Append(" | ").Append(s.Activities).Append(" |\n");
        }

        // Analyse and fact-check run side by side, so a summed duration would overstate the run; only activities add up.
        md.Append("| **All stages** | | **").Append(b.Stages.Sum(s => s.Activities)).Append("** |\n\n")
          .Append("Stages that run side by side (analyse, fact-check) overlap, so their durations do not add up to the elapsed time.\n\n");
    }

    private static void WriteNotes(StringBuilder md, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        md.Append("## Notes\n\n");
        foreach (var note in notes)
        {
            md.Append("- ").Append(MarkdownText.Inline(note)).Append('\n');
        }

        md.Append('\n');
    }

    // " — Jane Doe" after a quote or conclusion whose speaker is known.
    private static string Percent(double value) =>
        Math.Round(Math.Clamp(value, 0, 1) * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Usd(decimal value) =>
        "$" + value.ToString(value != 0m && Math.Abs(value) < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture);

    private static string Duration(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    // The report's parts: text written by the renderer, and text it only refers to.
    private sealed class Parts
    {
        private readonly List<ReadOnlyMemory<char>> _done = [];

        // Where the renderer writes next.
        public StringBuilder Text { get; } = new(4096);

        public void Add(ReadOnlyMemory<char> text)
        {
            _done.Add(Text.ToString().AsMemory());
            Text.Clear();
            _done.Add(text);
        }

        public List<ReadOnlyMemory<char>> Finish()
        {
            _done.Add(Text.ToString().AsMemory());
            while (_done.Count > 0 && _done[^1].Span.TrimEnd().IsEmpty)
            {
                _done.RemoveAt(_done.Count - 1);
            }

            if (_done.Count > 0)
            {
                _done[^1] = _done[^1].TrimEnd();
            }

            _done.Add("\n".AsMemory());
            return _done;
        }
    }
}
