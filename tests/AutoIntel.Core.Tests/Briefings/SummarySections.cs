using System.Text.Json;
using AutoIntel.Core.Analysis;
using AutoIntel.Core.Briefings;

namespace AutoIntel.Core.Tests.Briefings;

/// <summary>The summary section as the declared summary analysis presents it (its own tests check that); the renderers only place it.</summary>
internal static class SummarySections
{
    public static BriefingSection Of(string text, params string[] keyPoints)
    {
        var markdown = (text.Length == 0 ? "_No summary was produced._" : MarkdownText.Block(text)) + "\n\n"
            + (keyPoints.Length > 0 ? "**Key points**\n\n" + string.Concat(keyPoints.Select(p => "- " + MarkdownText.Inline(p) + "\n")) : string.Empty);
        SectionField[] fields = keyPoints.Length > 0 ? [new SectionField("Key points", string.Join('\n', keyPoints.Select(p => "\u2022 " + p)))] : [];
        return new BriefingSection("summary", "Summary", JsonSerializer.SerializeToElement(new Summary(text, keyPoints), Serialization.AutoIntelJson.Options), markdown, fields, "summary", text);
    }
}
