using AutoIntel.Core.Analysis;
using AutoIntel.Core.FactCheck;
using AutoIntel.Discord.Delivery;
using AutoIntel.Discord.Rest;
using AutoIntel.Discord.Tests.Support;

namespace AutoIntel.Discord.Tests.Delivery;

public sealed class BriefingEmbedBuilderTests
{
    [Fact]
    public void Build_SmallBriefing_OneMessageWithMarkersFallaciesAndCostLine()
    {
        IReadOnlyList<BriefingMessage> messages = BriefingEmbedBuilder.Build(Briefings.Small());

        messages.Should().ContainSingle();
        string all = Text(messages);
        all.Should().Contain("✅ Supported").And.Contain("❔ Unverified").And.Contain("ad hominem");
        messages[0].Embeds[^1].Footer!.Text.Should().Contain("$0.0123").And.Contain("14 LLM calls").And.Contain("analyse 30.0 s");
        messages[0].Embeds[0].Url.Should().Be("https://example.com/talk");
    }

    [Fact]
    public void Build_DegradedSection_FirstEmbedSaysWhichAndWhy()
    {
        var briefing = Briefings.Small() with { Degradations = [new AutoIntel.Core.Briefings.SectionDegradation("fallacies", "model output invalid")] };

        IReadOnlyList<BriefingMessage> messages = BriefingEmbedBuilder.Build(briefing);

        messages[0].Embeds[0].Fields!.Should().Contain(f => f.Name == "⚠️ Degraded sections" && f.Value == "• Fallacies: model output invalid — offline heuristics shown");
    }

    [Fact]
    public void Build_ClaimsWithSpeakers_GroupedBySpeakerWithTheirName()
    {
        var small = Briefings.Make("discord-3", "Debate", "Two guests disagree.", claims: 4, claimLength: 40);
        string?[] speakers = ["Graham", "Amara", "Graham", null];
        var briefing = small with
        {
            Claims = [.. small.Claims.Select((c, i) => c with { Claim = c.Claim with { Speaker = speakers[i] } })],
            Sections = [Briefings.FallaciesSection(new Fallacy("ad_hominem", "he is a fool", "Attacks the person.", 0.7, 0, "Graham"))],
        };

        IReadOnlyList<BriefingMessage> messages = BriefingEmbedBuilder.Build(briefing);

        var claimFields = messages.SelectMany(m => m.Embeds).Where(e => e.Title!.StartsWith("Claims checked", StringComparison.Ordinal)).SelectMany(e => e.Fields!).ToList();
        claimFields.Select(f => f.Value[..8]).Should().Equal("CLAIM-00", "CLAIM-02", "CLAIM-01", "CLAIM-03");
        claimFields[0].Name.Should().StartWith("🗣 Graham · ");
        claimFields[2].Name.Should().StartWith("🗣 Amara · ");
        claimFields[3].Name.Should().NotContain("🗣");
        Text(messages).Should().Contain("“he is a fool” (Graham) — Attacks the person.");
    }

    [Fact]
    public void Build_OversizedBriefing_EveryMessageWithinDiscordLimits()
    {
        IReadOnlyList<BriefingMessage> messages = BriefingEmbedBuilder.Build(Briefings.Oversized());

        messages.Count.Should().BeGreaterThan(1);
        foreach (BriefingMessage message in messages)
        {
            message.Embeds.Count.Should().BeInRange(1, EmbedLimits.EmbedsPerMessage);
            message.Embeds.Sum(EmbedLimits.CountedLength).Should().BeLessThanOrEqualTo(EmbedLimits.TotalCharacters);
            (message.Content?.Length ?? 0).Should().BeLessThanOrEqualTo(EmbedLimits.Content);
            foreach (Embed embed in message.Embeds)
            {
                (embed.Title?.Length ?? 0).Should().BeLessThanOrEqualTo(EmbedLimits.Title);
                (embed.Description?.Length ?? 0).Should().BeLessThanOrEqualTo(EmbedLimits.Description);
                (embed.Footer?.Text.Length ?? 0).Should().BeLessThanOrEqualTo(EmbedLimits.Footer);
                (embed.Fields?.Count ?? 0).Should().BeLessThanOrEqualTo(EmbedLimits.Fields);
                embed.Fields?.Should().OnlyContain(f => f.Name.Length <= EmbedLimits.FieldName && f.Value.Length <= EmbedLimits.FieldValue && f.Value.Length > 0);
            }
        }
    }

    [Fact]
    public void Build_OversizedBriefing_NothingSilentlyTruncated()
    {
        var briefing = Briefings.Oversized();

        IReadOnlyList<BriefingMessage> messages = BriefingEmbedBuilder.Build(briefing);
        string all = Text(messages);
        string values = Squash(Values(messages));

        all.Should().Contain(briefing.Title, "the full title opens the description when the title field is too short");
        values.Should().Contain(Squash(briefing.Section("summary")!.Lead!));
        foreach (ClaimVerdict claim in briefing.Claims.Take(BriefingEmbedBuilder.MaxClaimsShown))
        {
            values.Should().Contain(Squash(claim.Claim.Text));
        }

        all.Should().Contain($"{briefing.Claims.Count - BriefingEmbedBuilder.MaxClaimsShown} more claims").And.Contain("attached report");
    }

    [Theory]
    [InlineData(100, "they are listed in the attached report.")]
    [InlineData(101, "the attached report lists the first 100.")]
    public void Build_NotCheckedClaims_SaysWhetherTheReportListsThemAll(int notChecked, string where)
    {
        var small = Briefings.Small();
        var briefing = small with
        {
            Claims = [.. small.Claims, .. Enumerable.Range(0, notChecked).Select(i => ClaimVerdict.NotChecked(new Claim($"n{i}", $"Claim {i}.", 0, 0.1), "standard", 2))],
        };

        string all = Text(BriefingEmbedBuilder.Build(briefing));

        all.Should().Contain($"{notChecked} more claims were found but not verified at depth standard; {where}");
    }

    [Fact]
    public void Split_LongText_PiecesFitAndRejoinToTheOriginal()
    {
        string text = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}")) + new string('x', 3000) + "😀😀";

        IReadOnlyList<string> pieces = TextSplitter.Split(text, 1024);

        pieces.Should().OnlyContain(p => p.Length <= 1024 && !char.IsHighSurrogate(p[p.Length - 1]));
        Squash(string.Concat(pieces)).Should().Be(Squash(text));
    }

    private static string Text(IEnumerable<BriefingMessage> messages) => string.Join('\n', messages.SelectMany(m => m.Embeds).SelectMany(e =>
        new[] { e.Title, e.Description, e.Footer?.Text }.Concat(e.Fields?.SelectMany(f => new[] { f.Name, f.Value }) ?? [])).Where(s => s is not null));

    private static string Values(IEnumerable<BriefingMessage> messages) => string.Concat(messages.SelectMany(m => m.Embeds).SelectMany(e =>
        new[] { e.Description }.Concat(e.Fields?.Select(f => f.Value) ?? [])).Where(s => s is not null));

    // Splitting happens at spaces and newlines, which it drops; compare the words.
    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
