using System.Globalization;
using AutoIntel.Core.Content;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Text;
using AutoIntel.Intelligence;
using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Intelligence.Cache;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Llm;
using AutoIntel.Intelligence.Providers;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Benchmarks;

/// <summary>LLM gateway hot paths: a routing decision over 12 models, an exact cache hit, and a semantic lookup over 100,000 entries.</summary>
[MemoryDiagnoser]
public class IntelligenceBenchmarks : IDisposable
{
    private ModelRouter _router = null!;
    private RoutingRequest _request = null!;
    private RoutingRequest _exploring = null!;
    private ResponseCache _cache = null!;
    private string _prompt = null!;
    private ResponseCache _semantic = null!;
    private ResponseCache _spread = null!;
    private float[] _query = null!;
    private static readonly string[] Families = ["gpt-4.1-mini"];

    [GlobalSetup]
    public void Setup()
    {
        var options = TwelveModelCatalog();
        _router = new ModelRouter(ModelCatalog.FromOptions(options), options.Routing, new BanditLearner(options.Routing));
        _request = new RoutingRequest(TaskTypes.ClaimVerification, 3000, 250, Depth.Standard, 0.10m, Explore: false);
        _exploring = _request with { Explore = true };

        _cache = new ResponseCache(new CacheOptions(), TimeProvider.System);
        _prompt = string.Concat(Enumerable.Repeat("The committee published its annual report on Tuesday, noting that inflation had slowed. ", 24));
        var key = CacheKeys.Base("guild-1", "summary", "summary-map/v1", "{schema}", 0, _prompt);
        var payload = "{\"keyPoints\":[" + string.Join(',', Enumerable.Range(0, 12).Select(i => $"\"Key point number {i} of the chunk, a full sentence long.\"")) + "],\"ignoredInstructions\":[]}";
        _cache.SetAsync(new CacheWrite(key, "guild-1", "p", "gpt-4.1-mini", "gpt-4.1-mini", payload, 0.001m, 1200, null)).GetAwaiter().GetResult();

        // The semantic tier at its worst: 100,000 live entries in the one partition being searched (one tenant, task and template).
        // The query is a near-duplicate of one of them, so the lookup scans everything and then returns a hit.
        _semantic = new ResponseCache(new CacheOptions { MaxBytes = long.MaxValue }, TimeProvider.System);
        _query = _semantic.EmbedAsync(_prompt).GetAwaiter().GetResult();
        Fill(_semantic, 100_000, _ => Partition, (i, v) => i == 50_000 ? _semantic.EmbedAsync(_prompt + " Extra words.").GetAwaiter().GetResult() : v);

        // The usual shape: the same 100,000 entries spread over 4 guilds × 6 tasks, so a lookup scans one partition of ~4,200.
        _spread = new ResponseCache(new CacheOptions { MaxBytes = long.MaxValue }, TimeProvider.System);
        Fill(_spread, 100_000, i => CacheKeys.Partition($"guild-{i % 4}", $"task-{i / 4 % 6}", "v1"), (i, v) => i == 0 ? _query : v);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
    [Benchmark(Description = "router decision, 12 models (posterior means)")]
    public CandidateScore? RouterDecision() => _router.Decide(_request).Winner;

    [Benchmark(Description = "router decision, 12 models (Thompson sampling)")]
    public CandidateScore? RouterDecisionExploring() => _router.Decide(_exploring).Winner;

    [Benchmark(Description = "exact cache hit (key hash of a 2 KB prompt + lookup + decompress)")]
    public CachedResponse? ExactCacheHit() =>
        _cache.TryGetMemory(CacheKeys.Base("guild-1", "summary", "summary-map/v1", "{schema}", 0, _prompt), Families);

    [Benchmark(Description = "semantic lookup, 100,000 entries in the searched partition")]
    public CachedResponse? SemanticLookup() => _semantic.GetSemanticAsync("guild-1", Partition, _query, Families).GetAwaiter().GetResult();

    [Benchmark(Description = "semantic lookup, 100,000 entries over 24 partitions")]
    public CachedResponse? SemanticLookupSpread() =>
        _spread.GetSemanticAsync("guild-0", CacheKeys.Partition("guild-0", "task-0", "v1"), _query, Families).GetAwaiter().GetResult();

    /// <summary>Releases the caches (BenchmarkDotNet needs the class unsealed, hence the pattern).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _semantic?.Dispose();
            _spread?.Dispose();
            _cache?.Dispose();
        }
    }

    private static string Partition => CacheKeys.Partition("guild-1", "summary", "summary-map/v1");

    private static void Fill(ResponseCache cache, int count, Func<int, string> partition, Func<int, float[], float[]> vector)
    {
        var random = new Random(1);
        for (var i = 0; i < count; i++)
        {
            var v = new float[HashingEmbedderDimensions];
            for (var d = 0; d < v.Length; d++)
            {
                v[d] = (float)(random.NextDouble() - 0.5);
            }

            Normalize(v);
            var p = partition(i);
            var write = new CacheWrite($"k{i}", "guild", p, "gpt-4.1-mini", "gpt-4.1-mini", "{\"a\":1}", 0.001m, 1200, vector(i, v));
            cache.SetAsync(write).GetAwaiter().GetResult();
        }
    }

    private const int HashingEmbedderDimensions = Memory.Embeddings.HashingEmbedder.DefaultDimensions;

    /// <summary>The 12-model catalog used by the benchmarks and the study (list prices per 1K tokens, priors are our estimates).</summary>
    public static LlmOptions TwelveModelCatalog()
    {
        var o = new LlmOptions { Routing = new RoutingOptions { Seed = 1 } };
        o.Providers["azure"] = new LlmProviderOptions { Kind = "azure", Endpoint = "https://example.openai.azure.com/openai/v1/" };
        o.Providers["openai"] = new LlmProviderOptions { Kind = "openai" };
        o.Providers["ollama"] = new LlmProviderOptions { Kind = "compatible", Endpoint = "http://localhost:11434/v1/" };
        void Add(string name, string provider, decimal i, decimal output, int ctx, double ms, double q, double verify) => o.Models.Add(new LlmModelOptions
        {
            Name = name,
            Provider = provider,
            InputPricePer1K = i,
            OutputPricePer1K = output,
            ContextWindow = ctx,
            TypicalLatencyMs = ms,
            DefaultQuality = q,
            Quality = { [TaskTypes.ClaimVerification] = verify, [TaskTypes.Briefing] = q },
        });
        Add("gpt-4.1", "azure", 0.002m, 0.008m, 1_000_000, 2500, 0.92, 0.93);
        Add("gpt-4.1-mini", "azure", 0.0004m, 0.0016m, 1_000_000, 1200, 0.88, 0.85);
        Add("gpt-4.1-nano", "azure", 0.0001m, 0.0004m, 1_000_000, 700, 0.76, 0.70);
        Add("gpt-4o", "openai", 0.0025m, 0.01m, 128_000, 2200, 0.90, 0.91);
        Add("gpt-4o-mini", "openai", 0.00015m, 0.0006m, 128_000, 1100, 0.82, 0.78);
        Add("o4-mini", "openai", 0.0011m, 0.0044m, 200_000, 6000, 0.90, 0.94);
        Add("gpt-5-mini", "openai", 0.00025m, 0.002m, 400_000, 3000, 0.89, 0.90);
        Add("gpt-5-nano", "openai", 0.00005m, 0.0004m, 400_000, 1500, 0.78, 0.74);
        Add("llama3.1-8b", "ollama", 0m, 0m, 128_000, 4000, 0.68, 0.60);
        Add("qwen2.5-32b", "ollama", 0m, 0m, 32_000, 9000, 0.82, 0.78);
        Add("mistral-small", "ollama", 0m, 0m, 32_000, 6000, 0.78, 0.72);
        Add("phi-4", "ollama", 0m, 0m, 16_000, 5000, 0.74, 0.68);
        return o;
    }

    private static void Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
    }

    /// <summary>A repeated workload simulated from the catalog: several guilds analyse links drawn from the same 50, through the real gateway with a simulated provider.</summary>
    public static class WorkloadStudy
    {
        private const int Links = 50;
        private const int Guilds = 4;
        private const int RequestsPerGuild = 150;
        private const int ChunksPerLink = 6;
        private const int ClaimsPerLink = 4;

        // 600 analyses in 50 minutes: a busy hour in which a set of links circulates between communities.
        private static readonly TimeSpan StepBetweenAnalyses = TimeSpan.FromSeconds(5);

        /// <summary>Runs the study and prints a summary.</summary>
        public static async Task RunAsync(TextWriter output)
        {
            var gateway = await SimulateAsync(useRouter: true);
            var strongest = await SimulateAsync(useRouter: false);
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv, $"requests: {Guilds} guilds x {RequestsPerGuild} analyses of links drawn (Zipf s=1) from {Links}; {ChunksPerLink} chunks x {6 + Intelligence.Analyses.AnalysisCatalog.All.Count} analyses + {ClaimsPerLink} verifications each; 20% of repeats re-fetch a slightly changed page; one analysis every {StepBetweenAnalyses.TotalSeconds} s"));
            output.WriteLine(string.Create(inv, $"always-strongest (gpt-4.1, no cache): cost ${strongest.Usd:0.00}, quality {strongest.Quality:0.000}, calls {strongest.Calls}"));
            output.WriteLine(string.Create(inv, $"gateway (router + cache):             cost ${gateway.Usd:0.00}, quality {gateway.Quality:0.000}, calls {gateway.Calls}, cache hit rate {gateway.HitRate:P1} (exact memory+persisted {gateway.Memory}, semantic {gateway.Semantic})"));
            output.WriteLine(string.Create(inv, $"cost reduction {1 - (gateway.Usd / strongest.Usd):P1}; quality ratio {gateway.Quality / strongest.Quality:P1}"));
        }

        private static async Task<(decimal Usd, double Quality, long Calls, double HitRate, long Memory, long Semantic)> SimulateAsync(bool useRouter)
        {
            var options = TwelveModelCatalog();
            options.Budgets.PerRunUsd = 100;
            options.Budgets.PerTenantDailyUsd = 10_000;
            options.Budgets.PerCallUsd = 1;
            if (!useRouter)
            {
                options.Models.RemoveAll(m => m.Name != "gpt-4.1");
                options.Cache.Enabled = false;
            }

            var time = new SimulatedClock();
            // The production composition with the simulated provider and clock. Production hosts always register an artifact store,
            // so the persisted tier (entries live an hour) backs the memory tier.
            await using var services = new ServiceCollection()
                .AddSingleton(options)
                .AddSingleton<TimeProvider>(time)
                .AddSingleton<IArtifactStore>(new InMemoryArtifactStore())
                .AddSingleton<ILlmClient>(new SimulatedClient())
                .AddAutoIntelIntelligence(new ConfigurationBuilder().Build())
                .BuildServiceProvider();
            var catalog = services.GetRequiredService<ModelCatalog>();
            var analytics = services.GetRequiredService<GatewayAnalytics>();
            var gateway = services.GetRequiredService<LlmGateway>();
            // An empty configuration names no endpoint, so the registration leaves IContentAnalyzer alone; compose the LLM analyzer as it would.
            var analyzer = new LlmContentAnalyzer(gateway, new NoOffline(), services.GetRequiredService<RunJournal>());
            var random = new Random(7);
            var zipf = Enumerable.Range(1, Links).Select(k => 1.0 / k).ToArray();
            var total = zipf.Sum();
            var quality = 0.0;
            long answers = 0;
            for (var request = 0; request < RequestsPerGuild; request++)
            {
                for (var g = 0; g < Guilds; g++)
                {
                    var pick = random.NextDouble() * total;
                    var link = 0;
                    while ((pick -= zipf[link]) > 0)
                    {
                        link++;
                    }

                    var changed = random.NextDouble() < 0.2;
                    var req = new AnalysisRequest($"run-{g}-{request}", $"guild-{g}", Depth.Standard);
                    for (var c = 0; c < ChunksPerLink; c++)
                    {
                        var text = ChunkText(link, c, changed && c == 0);
                        var chunk = new Chunk(c, text, 500);
                        var input = new Intelligence.Prompts.TaskInput([new Intelligence.Prompts.DataSection($"chunk {c + 1}", text)], text, c);
                        Measure((await gateway.ExecuteAsync(req, Intelligence.Prompts.AnalysisTasks.ClaimExtraction, input)).Model, TaskTypes.ClaimExtraction);
                        foreach (var declared in Intelligence.Analyses.AnalysisCatalog.All)
                        {
                            // The prompt's result type is the declaration's own; dynamic binds it without a list of types here.
                            Measure((string?)await DeclaredModelAsync((dynamic)declared, gateway, req, input), declared.TaskType);
                        }
                    }

                    for (var k = 0; k < ClaimsPerLink; k++)
                    {
                        var claim = new Core.FactCheck.Claim($"l{link}c{k}", $"Link {link} claims fact number {k} about the economy.", 0, 0.8);
                        Measure((await analyzer.VerifyClaimAsync(req, claim, [])).Value.Method, TaskTypes.ClaimVerification);
                    }

                    time.Advance(StepBetweenAnalyses);
                }
            }

            void Measure(string? model, string task)
            {
                // Quality of an answer is the prior of the model that produced it (cache hits reuse an earlier model's answer).
                quality += catalog.Find(model!)!.QualityFor(task);
                answers++;
            }

            var stats = analytics.Snapshot();
            return (stats.TotalUsd, quality / answers, stats.Models.Sum(m => m.Calls), stats.Cache.HitRate, stats.Cache.MemoryHits + stats.Cache.PersistedHits, stats.Cache.SemanticHits);
        }

        private static async Task<string?> DeclaredModelAsync<T>(Intelligence.Analyses.ChunkAnalysis<T> analysis, LlmGateway gateway, AnalysisRequest request, Intelligence.Prompts.TaskInput input) =>
            (await gateway.ExecuteAsync(request, analysis.Prompt, input)).Model;

        private static string ChunkText(int link, int chunk, bool changed)
        {
            var words = Enumerable.Range(0, 380).Select(i => $"l{link}c{chunk}w{i % 97}x{i}").ToArray();
            if (changed)
            {
                words[123] = "updated";
            }

            return string.Join(' ', words) + ".";
        }

        private sealed class SimulatedClock : TimeProvider
        {
            private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

            public override DateTimeOffset GetUtcNow() => _now;

            public void Advance(TimeSpan by) => _now += by;
        }

        // Answers every task with a minimal valid JSON and the tokens the request implies; remembers which model answered per payload.
        private sealed class SimulatedClient : ILlmClient
        {
            public Task<ChatOutcome> CompleteAsync(CatalogModel model, ChatCall call, CancellationToken cancellationToken = default)
            {
                var json = call.SchemaName switch
                {
                    TaskTypes.ClaimExtraction => "{\"claims\":[],\"ignoredInstructions\":[]}",
                    { } name when Intelligence.Analyses.AnalysisCatalog.FindByTaskType(name) is { } declared => declared.ExampleAnswer,
                    _ => "{\"verdict\":\"supported\",\"confidence\":0.8,\"rationale\":\"evidence\",\"ignoredInstructions\":[]}",
                };
                var input = Core.Text.TokenCounter.Default.CountChat([call.System, .. call.Turns.Select(t => t.Text)]);
                return Task.FromResult(new ChatOutcome(json, input, call.MaxOutputTokens / 2, "stop"));
            }

            public Task<IReadOnlyList<float[]>> EmbedAsync(CatalogModel model, IReadOnlyList<string> inputs, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public Task<HeardAudio> TranscribeAsync(CatalogModel model, ReadOnlyMemory<byte> audio, string fileName, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();
        }

        private sealed class NoOffline : IContentAnalyzer
        {
            public string Name => "none";

            public Task<AnalyzerResult<T>> AnalyseChunkAsync<T>(Intelligence.Analyses.ChunkAnalysis<T> analysis, AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) => throw new InvalidOperationException("offline");

            public Task<AnalyzerResult<T>> ReduceAsync<TPart, T>(Intelligence.Analyses.MapReduceAnalysis<TPart, T> analysis, AnalysisRequest request, IReadOnlyList<TPart> parts, CancellationToken cancellationToken = default) => throw new InvalidOperationException("offline");

            public Task<AnalyzerResult<IReadOnlyList<Core.FactCheck.Claim>>> ExtractClaimsAsync(AnalysisRequest request, Chunk chunk, CancellationToken cancellationToken = default) => throw new InvalidOperationException("offline");

            public Task<AnalyzerResult<Core.FactCheck.ClaimVerdict>> VerifyClaimAsync(AnalysisRequest request, Core.FactCheck.Claim claim, IReadOnlyList<Core.FactCheck.Evidence> evidence, CancellationToken cancellationToken = default) => throw new InvalidOperationException("offline");
        }
    }
}
