using System.Text.Json.Nodes;
using AutoIntel.Core;
using AutoIntel.Core.Briefings;
using AutoIntel.Core.Runs;
using AutoIntel.Storage;
using AutoIntel.TestKit;
using AutoIntel.Workflows.Abstractions;
using AutoIntel.Workflows.AutoIntel;
using AutoIntel.Workflows.AutoIntel.Analyse;
using AutoIntel.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Workflows.Tests.AutoIntel;

/// <summary>From <see cref="Intelligence.Analyses.WorkflowVersions.SectionsByReference"/> each analysis's chunk results and sections
/// travel as artifacts, not in the history; the briefing is the same, and a failed presentation costs only its section.</summary>
public sealed class SectionsByReferenceTests
{
    private static readonly string Podcast = RepoPaths.Sample("podcast-transcript.srt");
    private static readonly string Before = (Intelligence.Analyses.WorkflowVersions.SectionsByReference - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Run_NewInstance_SectionsInArtifacts_ComposeInputSmall_SameBriefingAsByValue()
    {
        await using var byValueHarness = new AutoIntelHarness();
        var byValue = await AutoIntelHarness.RunAsync(byValueHarness.CreateRuntime(registry: Registry(Before)), new AnalyzeRequest(Podcast, Depth.Deep), "by-value");
        await using var harness = new AutoIntelHarness();

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Deep), "by-reference");

        status.RuntimeStatus.Should().Be(RuntimeStatus.Completed, status.Failure?.Message);
        status.Activities.Should().NotContain(a => a.Name == ActivityNames.AnalyseChunk);
        status.Activities.Count(a => a.Name == ActivityNames.PresentSection).Should().Be(Intelligence.Analyses.AnalysisCatalog.Scheduled(Depth.Deep, Intelligence.Analyses.AnalysisCatalog.NewInstanceVersion).Count);
        Comparable(await harness.JsonOfAsync(status)).Should().Be(Comparable(await byValueHarness.JsonOfAsync(byValue)));
        Sections(await harness.MarkdownOfAsync(status)).Should().Be(Sections(await byValueHarness.MarkdownOfAsync(byValue)));
        (await harness.Artifacts.GetTextAsync(RunPaths.Stage("by-reference", "analyse")))
            .Should().Be(await byValueHarness.Artifacts.GetTextAsync(RunPaths.Stage("by-value", "analyse")));
        (await harness.BriefingOfAsync(status)).Stages.Select(s => (s.Name, s.Activities))
            .Should().Equal((await byValueHarness.BriefingOfAsync(byValue)).Stages.Select(s => (s.Name, s.Activities)), "presenting is not counted among the analyse stage's activities");

        var composeInput = ComposeInput(await File.ReadAllLinesAsync(((FileHistoryStore)harness.History).PathOf("by-reference")));
        var byValueInput = ComposeInput(await File.ReadAllLinesAsync(((FileHistoryStore)byValueHarness.History).PathOf("by-value")));
        byValueInput.Should().Contain("\"fields\":", "by value the input carries each section whole");
        composeInput.Should().NotContain("\"fields\":", "the sections stay in the store").And.Contain("/sections/");
        composeInput.Length.Should().BeLessThan(byValueInput.Length * 6 / 10);
    }

    [Fact]
    public async Task Resume_CutBeforeTheReduceStep_ReadsTheStoredPartsAndFinishesTheSameBriefing()
    {
        await using var harness = new AutoIntelHarness();
        var recorded = await AutoIntelHarness.RunAsync(harness.CreateRuntime(), new AnalyzeRequest(Podcast, Depth.Deep), "in-flight");
        var expected = Comparable(await harness.JsonOfAsync(recorded));

        var resumed = await harness.CutAndResumeAsync("in-flight", ActivityNames.ReduceChunks);

        resumed.RuntimeStatus.Should().Be(RuntimeStatus.Completed, resumed.Failure?.Message);
        resumed.Activities.Count(a => a.Name == ActivityNames.ReduceChunks).Should().Be(1);
        Comparable(await harness.JsonOfAsync(resumed)).Should().Be(expected);
    }

    [Fact]
    public async Task PresentSection_StartedTogether_PresentsOneSectionAtATime()
    {
        // The orchestration starts every presentation at once; each holds its analysis's results whole, so they take turns.
        var store = new PresentationWatchingStore();
        string[] analyses = ["arguments", "fallacies", "entities"];
        foreach (var name in analyses)
        {
            for (var i = 0; i < 20; i++)
            {
                await store.PutJsonAsync(RunPaths.AnalysisPart("run", name, i), System.Text.Json.JsonSerializer.SerializeToElement(Array.Empty<object>()));
            }
        }

        var stored = await Task.WhenAll(analyses.Select(name => Task.Run(() => new PresentSection(store).RunAsync(
            new ActivityContext("run", ActivityNames.PresentSection, 1, CancellationToken.None), new PresentSectionInput(name, "run", 20)))));

        stored.Select(s => s.Name).Should().Equal(analyses);
        store.MostPresentedAtOnce.Should().Be(1);
    }

    // Counts the sections whose chunk results are being read and whose section is not yet stored.
    private sealed class PresentationWatchingStore : IArtifactStore
    {
        private readonly IArtifactStore _inner = new InMemoryArtifactStore();
        private readonly HashSet<string> _presenting = [];

        public int MostPresentedAtOnce { get; private set; }

        public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
        {
            if (path.Split('/') is [_, _, "analyses", var analysis, _])
            {
                lock (_presenting)
                {
                    _presenting.Add(analysis);
                    MostPresentedAtOnce = Math.Max(MostPresentedAtOnce, _presenting.Count);
                }

                await Task.Delay(1, cancellationToken);
            }

            return await _inner.OpenReadAsync(path, cancellationToken);
        }

        public async Task<ArtifactRef> PutStreamAsync(string path, Func<Stream, CancellationToken, Task> write, string mediaType, CancellationToken cancellationToken = default)
        {
            var stored = await _inner.PutStreamAsync(path, write, mediaType, cancellationToken);
            if (path.Split('/') is [_, _, "sections", var file])
            {
                lock (_presenting)
                {
                    _presenting.Remove(Path.GetFileNameWithoutExtension(file));
                }
            }

            return stored;
        }

        public Task<ArtifactRef> PutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default) =>
            _inner.PutAsync(path, content, mediaType, cancellationToken);

        public Task<byte[]> GetAsync(string path, CancellationToken cancellationToken = default) => _inner.GetAsync(path, cancellationToken);

        public Task<VersionedArtifact?> GetVersionedAsync(string path, CancellationToken cancellationToken = default) => _inner.GetVersionedAsync(path, cancellationToken);

        public Task<bool> TryPutAsync(string path, ReadOnlyMemory<byte> content, string mediaType, string? expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.TryPutAsync(path, content, mediaType, expectedVersion, cancellationToken);

        public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => _inner.ExistsAsync(path, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => _inner.DeletePrefixAsync(prefix, cancellationToken);
    }

    [Fact]
    public async Task Run_PresentSectionFails_OnlyThatSectionDegrades()
    {
        await using var harness = new AutoIntelHarness();
        var registry = new WorkflowRegistry().AddAutoIntel().AddActivity<PresentSectionInput, StoredSection>(ActivityNames.PresentSection, (services, context, input) =>
            input.Analysis == "tone"
                ? throw new Core.PermanentFailureException("the store is full")
                : ActivatorUtilities.GetServiceOrCreateInstance<PresentSection>(services).RunAsync(context, input));

        var status = await AutoIntelHarness.RunAsync(harness.CreateRuntime(registry: registry), new AnalyzeRequest(Podcast, Depth.Standard));

        var briefing = await harness.BriefingOfAsync(status);
        briefing.Degradations.Should().ContainSingle(d => d.Failed).Which.Section.Should().Be("tone");
        briefing.Section("tone")!.Data.GetArrayLength().Should().Be(0, "the section is shown empty, as a failed analysis's is");
        briefing.Section("arguments")!.Data.GetArrayLength().Should().BePositive();
        briefing.Section("summary").Should().NotBeNull();
    }

    private static WorkflowRegistry Registry(string version) =>
        new WorkflowRegistry().AddAutoIntel().AddWorkflow<AutoIntelWorkflow, AnalyzeRequest, RunResult>(version);

    // The public JSON without what differs per run (id, time, stage durations).
    private static string Comparable(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("runId");
        document.Remove("createdAtUtc");
        document.Remove("stages");
        return document.ToJsonString();
    }

    // The report from its first section to the memory section: every analysis section and the claims, no run id or time.
    private static string Sections(string markdown) =>
        markdown[markdown.IndexOf("\n## ", StringComparison.Ordinal)..markdown.IndexOf("## What memory already knew", StringComparison.Ordinal)];

    private static string ComposeInput(string[] history) =>
        history.Single(l => l.Contains("\"type\":\"taskScheduled\"", StringComparison.Ordinal) && l.Contains($"\"name\":\"{ActivityNames.ComposeBriefing}\"", StringComparison.Ordinal));
}
