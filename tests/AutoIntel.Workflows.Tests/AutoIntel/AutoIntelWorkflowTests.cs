using System.Text.Json;
using AutoIntel.Intelligence.Analyses;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.FactCheck;
using AutoIntel.Core.Runs;
using AutoIntel.Memory;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Tests.AutoIntel;

public sealed class AutoIntelWorkflowTests
{
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");

    [Fact]
    public async Task Run_PodcastSample_ProducesBriefingFromEveryStage()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();

        var status = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        Intelligence.Analyses.SummaryAnalysis.In(briefing.Sections).Text.Should().NotBeNullOrWhiteSpace();
        briefing.Claims.Where(c => c.WasChecked).Should().NotBeEmpty().And.OnlyContain(c => c.Verdict == Verdict.Unverified && c.Method == "offline");
        briefing.Claims.Count(c => c.WasChecked).Should().BeLessThanOrEqualTo(DepthProfile.For(Depth.Standard).MaxClaims);
        EntitiesAnalysis.In(briefing.Sections).Should().NotBeEmpty();
        briefing.Notes.Should().Contain(n => n.Contains("unverified offline", StringComparison.Ordinal));
        briefing.Stages.Select(s => s.Name).Should().Equal("acquire", "transcribe", "segment", "analyse", "fact-check", "remember");
        briefing.Memory.ItemsStored.Should().BePositive();
        (await harness.Artifacts.ListAsync($"runs/{status.InstanceId}/stages/")).Should().HaveCount(3);
        (await harness.Artifacts.ExistsAsync($"runs/{status.InstanceId}/briefing.md")).Should().BeTrue();
    }

    [Fact]
    public async Task Run_LabelledPodcast_KnowsWhoSaidWhat()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();

        var status = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Deep));

        var briefing = await harness.BriefingOfAsync(status);
        string[] speakers = ["Jordan Ellis", "Amara Osei", "Graham Whitlock"];
        briefing.Claims.Should().NotBeEmpty().And.OnlyContain(c => speakers.Contains(c.Claim.Speaker));
        briefing.ClaimsBySpeaker.Should().NotBeNull().And.Contain(g => g.Speaker == "Amara Osei");
        Fallacies(briefing).Should().Contain(f => f.Type == "slippery_slope" && f.Speaker == "Graham Whitlock");

        // The sample labels Amara's turns 18 times and says her name 6 times; only what is said is a mention.
        EntitiesAnalysis.In(briefing.Sections).Where(e => e.Name.Contains("Amara", StringComparison.Ordinal)).Sum(e => e.Mentions).Should().BeInRange(1, 6);
        var markdown = System.Text.Encoding.UTF8.GetString(await harness.Artifacts.GetAsync($"runs/{status.InstanceId}/briefing.md"));
        markdown.Should().Contain("### Amara Osei (").And.Contain("\u201D \u2014 Graham Whitlock \u2014 ");

        // A chunk that opens mid-turn is remembered under its speaker's name.
        var midTurn = new List<Core.Text.Chunk>();
        foreach (var path in await harness.Artifacts.ListAsync($"runs/{status.InstanceId}/chunks/"))
        {
            var chunk = await global::AutoIntel.Storage.ArtifactStoreExtensions.GetJsonAsync<Core.Text.Chunk>(harness.Artifacts, path);
            if (chunk.SpeakerAtStart is { } speaker && !chunk.Text.StartsWith(speaker + ":", StringComparison.Ordinal))
            {
                midTurn.Add(chunk);
            }
        }

        var opening = midTurn.Should().NotBeEmpty("deep chunks are small enough to cut turns").And.Subject.First();
        var recall = await harness.Services.GetRequiredService<Memory.Recall.IMemoryRecall>()
            .SearchAsync("local", Core.Text.SentenceSplitter.Split(opening.Text)[0]);
        recall.Passages[0].Speaker.Should().Be(opening.SpeakerAtStart);
    }

    [Fact]
    public async Task Run_MoreClaimsThanTheDepthVerifies_TheRestAreListedAsNotCheckedAtThisDepth()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();

        var status = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Quick));

        var briefing = await harness.BriefingOfAsync(status);
        var maxClaims = DepthProfile.For(Depth.Quick).MaxClaims;
        var notChecked = briefing.Claims.Where(c => !c.WasChecked).ToList();
        briefing.Claims.Count(c => c.WasChecked).Should().Be(maxClaims);
        status.Activities.Count(a => a.Name == ActivityNames.VerifyClaim).Should().Be(maxClaims, "depth caps verification, not extraction");
        notChecked.Should().HaveCountGreaterThan(10, "the podcast states many more checkable facts than quick verifies");
        notChecked.Should().OnlyContain(c => c.Verdict == Verdict.Unverified && c.Method == ClaimVerdict.NotCheckedMethod
            && c.Rationale.StartsWith("Not checked at this depth: quick verifies the 5 most check-worthy claims", StringComparison.Ordinal));
        briefing.Claims.Select(c => c.Claim.Id).Should().OnlyHaveUniqueItems();
        briefing.Claims.Should().Contain(c => !c.Claim.Text.Any(char.IsDigit), "facts without numbers are found too");
        var markdown = await harness.Artifacts.GetTextAsync($"runs/{status.InstanceId}/briefing.md");
        markdown.Should().Contain("| not checked at this depth |").And.Contain("Not checked at this depth: quick verifies");
    }

    [Fact]
    public async Task Run_FansOutOneActivityPerChunkAndPerClaim()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();

        var status = await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Deep));

        var briefing = await harness.BriefingOfAsync(status);
        var chunks = status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims);
        chunks.Should().BeGreaterThan(1, "the deep profile's small chunks split the sample");

        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore).Should().Be(chunks * AnalysisCatalog.Scheduled(Depth.Deep, AnalysisCatalog.NewInstanceVersion).Count, "every declared analysis, built-in or added, runs once per chunk");

        status.Activities.Count(a => a.Name == ActivityNames.VerifyClaim).Should().Be(briefing.Claims.Count(c => c.WasChecked));
        status.Activities.Count(a => a.Name == ActivityNames.ReduceChunks).Should().Be(1, "the summary's reduce step");
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.SummarizeChunk || a.Name == ActivityNames.ReduceSummary, "the summary runs through the shared activities from version 8 (AnalyseChunkToStore from 9)");
    }

    [Theory]
    [InlineData(Depth.Quick)]
    [InlineData(Depth.Standard)]
    [InlineData(Depth.Deep)]
    [InlineData(Depth.Experimental)]
    public async Task Run_Depth_RunsOnlyTheProfilesAnalyses(Depth depth)
    {
        await using var harness = new AutoIntelHarness();
        var profile = DepthProfile.For(depth);

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, depth));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.ExtractEntities, "entities run through AnalyseChunk from version 6");
        (await harness.BriefingOfAsync(status)).Section("fallacies")!.Data.GetArrayLength().Should().Be(depth >= Depth.Standard ? 3 : 0, "the sample's three fallacies, looked for from standard depth on");
        status.Activities.Count(a => a.Name == ActivityNames.AnalyseChunkToStore).Should().Be(
            status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims) * AnalysisCatalog.Scheduled(depth, AnalysisCatalog.NewInstanceVersion).Count);
        (await harness.BriefingOfAsync(status)).Section("perspective")!.Data.GetArrayLength().Should().Be(depth >= Depth.Deep ? status.Activities.Count(a => a.Name == ActivityNames.ExtractChunkClaims) : 0);
        status.Activities.Count(a => a.Name == ActivityNames.VerifyClaim).Should().BeLessThanOrEqualTo(profile.MaxClaims);
    }

    [Fact]
    public async Task Run_Sequential_GivesTheSameBriefingAsParallel()
    {
        await using var parallelHarness = new AutoIntelHarness();
        await using var sequentialHarness = new AutoIntelHarness();

        var parallel = await parallelHarness.BriefingOfAsync(await AutoIntelHarness.RunAsync(parallelHarness.CreateRuntime(32), new AnalyzeRequest(Podcast, Depth.Deep), "same"));
        var sequential = await sequentialHarness.BriefingOfAsync(await AutoIntelHarness.RunAsync(sequentialHarness.CreateRuntime(1), new AnalyzeRequest(Podcast, Depth.Deep), "same"));

        Intelligence.Analyses.SummaryAnalysis.In(sequential.Sections).Should().BeEquivalentTo(Intelligence.Analyses.SummaryAnalysis.In(parallel.Sections));
        sequential.Claims.Select(c => c.Claim.Text).Should().Equal(parallel.Claims.Select(c => c.Claim.Text));
        Fallacies(sequential).Should().BeEquivalentTo(Fallacies(parallel), o => o.WithStrictOrdering());
        EntitiesAnalysis.In(sequential.Sections).Should().BeEquivalentTo(EntitiesAnalysis.In(parallel.Sections), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Run_SameContentTwice_SecondRunFindsNearDuplicate()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();

        var first = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Quick)));
        var second = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Quick)));

        first.Memory.DuplicateOf.Should().BeNull();
        second.Memory.DuplicateOf.Should().Be(Podcast);
        second.Memory.DuplicateSimilarity.Should().BeGreaterThan(0.9);
        second.Notes.Should().Contain(n => n.Contains("nearly the same", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ClaimWithVerdictInMemory_ReusesThatVerdict()
    {
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();
        var first = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Quick)));
        var known = first.Claims[0].Claim;
        var memory = harness.Services.GetRequiredService<IContentMemory>();
        await memory.RememberAsync("local", "earlier-run", "https://example.org/fact-check", [], [new ClaimVerdict(known, Verdict.Refuted, 0.9, "Contradicted by the 2024 survey.", [], "gpt-test")]);

        var second = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(Podcast, Depth.Quick)));

        var reused = second.Claims.Single(c => c.Claim.Id == known.Id);
        reused.Verdict.Should().Be(Verdict.Refuted);
        reused.Method.Should().Be("memory");
        second.Memory.PriorVerdictsReused.Should().Be(1);
    }

    [Fact]
    public async Task Run_SameContentFromAnotherPath_MemoryEvidenceCitesOtherSourcesButNotTheEarlierRun()
    {
        using var files = new TempDirectory();
        var original = files.Combine("podcast.srt");
        var copy = files.Combine("copies", "episode-12.srt");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Podcast, original);
        File.Copy(Podcast, copy);
        await using var harness = new AutoIntelHarness();
        var runtime = harness.CreateRuntime();
        var first = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(original, Depth.Quick)));

        // Another outlet repeats the checked claims in its own words (not word for word, which would exclude it on its own).
        const string Independent = "https://review.example/episode-12";
        var restated = first.Claims.Where(c => c.WasChecked).Select(c => "A review restates it: " + string.Join(' ', c.Claim.Text.Split(' ').Skip(1))).ToList();
        await harness.Services.GetRequiredService<IContentMemory>().RememberAsync("local", "review-run", Independent, restated, []);
        var second = await harness.BriefingOfAsync(await AutoIntelHarness.RunAsync(runtime, new AnalyzeRequest(copy, Depth.Quick)));

        var cited = second.Claims.SelectMany(c => c.Evidence).Select(e => e.Source).ToList();
        second.Memory.DuplicateOf.Should().Be(original, "the first run is in memory");
        cited.Should().Contain(Independent).And.NotContain(original);
    }

    [Fact]
    public async Task Run_MissingFile_FailsOnceWithClearPermanentError()
    {
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest("/nonexistent/transcript.srt", Depth.Quick));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        status.Failure!.IsPermanent.Should().BeTrue();
        status.Failure.Message.Should().Contain("transcript.srt");
        status.Activities.Single(a => a.Name == ActivityNames.AcquireContent).Attempts.Should().Be(1, "bad input is never retried");
    }

    [Fact]
    public async Task Run_WithDiscordTarget_PreparesReportsProgressAndDelivers()
    {
        var delivery = new RecordingDelivery();
        await using var harness = new AutoIntelHarness(s => s.AddSingleton<IRunDelivery>(delivery));
        var target = new DeliveryTarget("app", "token", "channel-1", "guild-1");

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Quick, "guild-1", target));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        delivery.Calls.First().Should().Be("prepare");
        delivery.Calls.Last().Should().Be("deliver");
        delivery.Calls.Count(c => c == "progress").Should().BeGreaterThanOrEqualTo(7);
        delivery.Progress.Select(p => p.Stage).Should().Contain(["acquire", "brief", "deliver"]);
        delivery.Delivered!.Claims.Should().NotBeEmpty();

        // Sections stored by reference reach the message as shown (fields, Markdown, lead) without their data.
        var delivered = delivery.Delivered.Sections!;
        delivered.Select(s => s.Name).Should().Contain(AnalysisCatalog.Scheduled(Depth.Quick, AnalysisCatalog.NewInstanceVersion).Select(a => a.Name));
        foreach (var section in delivered)
        {
            section.Data.ValueKind.Should().Be(JsonValueKind.Undefined, section.Name);
            var path = RunPaths.Section(status.InstanceId, section.Name);
            if (!await harness.Artifacts.ExistsAsync(path))
            {
                section.IsEmpty.Should().BeTrue($"{section.Name} did not run at this depth");
                continue;
            }

            var stored = await harness.Artifacts.GetJsonAsync<BriefingSection>(path);
            (section.Title, section.Markdown, section.Lead).Should().Be((stored.Title, stored.Markdown, stored.Lead), section.Name);
            section.Fields.Should().Equal(stored.Fields, section.Name);
        }

        delivered.Should().Contain(s => s.Lead != null && s.Lead.Length > 0, "the summary leads the message");
    }

    [Fact]
    public async Task Run_WithDiscordTargetAndBadLink_TellsTheChannelWhy()
    {
        var delivery = new RecordingDelivery();
        await using var harness = new AutoIntelHarness(s => s.AddSingleton<IRunDelivery>(delivery));
        var target = new DeliveryTarget("app", "token", "channel-1", "guild-1");

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest("http://192.168.1.10/admin", Depth.Quick, "guild-1", target));

        status.RuntimeStatus.Should().Be(RuntimeStatus.Failed);
        delivery.Failure.Should().Contain("192.168.1.10");
        delivery.Calls.Should().NotContain("deliver");
    }

    private static List<Core.Analysis.Fallacy> Fallacies(Core.Briefings.Briefing briefing) =>
        briefing.Section("fallacies")!.Data.Deserialize<List<Core.Analysis.Fallacy>>(Core.Serialization.AutoIntelJson.Options)!;
}
