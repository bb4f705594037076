using System.CommandLine;
using System.Text.Json;
using System.Globalization;
using System.Text;
using AutoIntel.Cli.Hosting;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Runs;
using AutoIntel.Core.Serialization;
using AutoIntel.Intelligence;
using AutoIntel.Intelligence.Gateway;
using AutoIntel.Intelligence.Routing;
using AutoIntel.Workflows.AutoIntel.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIntel.Cli.Commands;

/// <summary><c>autointel models explain|stats</c>: why the router picks a model, and what the gateway has done so far.</summary>
public static class ModelsCommand
{
    /// <summary>What the commands print when no LLM is configured (not an error: the offline analyzers are the default).</summary>
    public const string NotConfigured =
        "No LLM is configured, so analyses use the offline analyzers. Set Llm__Endpoint, Llm__ApiKey and Llm__Model " +
        "(or Llm:Providers and Llm:Models; see docs/llm-gateway.md) to route tasks to models.";

    /// <summary>Builds the command.</summary>
    public static Command Create() => new("models", "Explain routing decisions and show gateway analytics.") { Explain(), Stats() };

    private static Command Explain()
    {
        var task = new Option<string>("--task") { Description = $"Task type: {string.Join(", ", TaskTypes.All)}.", Required = true };
        var tokens = new Option<int>("--tokens") { Description = "Prompt size in tokens.", DefaultValueFactory = _ => 2000 };
        var depth = CommonOptions.DepthOption();
        var json = CommonOptions.Json();
        var command = new Command("explain", "Show the candidates for a task, their scores, what was filtered out and why the winner won.") { task, tokens, depth, json };
        command.SetAction(async (parse, ct) =>
        {
            var taskType = parse.GetRequiredValue(task);
            if (!TaskTypes.All.Contains(taskType, StringComparer.Ordinal))
            {
                await Console.Error.WriteLineAsync($"error: unknown task '{taskType}'; expected one of {string.Join(", ", TaskTypes.All)}");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(tokens) <= 0)
            {
                await Console.Error.WriteLineAsync("error: --tokens must be positive");
                return ExitCodes.BadInput;
            }

            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            if (!IntelligenceServiceCollectionExtensions.LlmConfigured(app.Configuration))
            {
                Console.WriteLine(NotConfigured);
                return ExitCodes.Success;
            }

            // The learner's persisted state shapes the scores, so load it as a real decision would.
            await app.Services.GetRequiredService<BanditLearner>().LoadAsync(ct);
            var explanation = app.Services.GetRequiredService<ModelsExplainer>().Explain(taskType, parse.GetValue(tokens), parse.GetValue(depth));
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(explanation, AutoIntelJson.Indented) : ModelsExplainer.Render(explanation));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The per-analysis quality table of <c>models stats</c>.</summary>
    public static string QualityText(IReadOnlyList<AnalysisQuality> quality)
    {
        if (quality.Count == 0)
        {
            return "No analysis quality yet: no briefing records a model answer and nobody has given feedback.";
        }

        static string Show(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        var text = new StringBuilder("analysis              score  answers  valid output  evidence  feedback (n)\n");
        foreach (var q in quality)
        {
            text.Append(CultureInfo.InvariantCulture, $"{q.Task,-20} {q.Score,6:0.00} {q.Answers,8} {Show(q.ValidOutputRate, "P0"),13} {Show(q.EvidenceCoverage, "P0"),9} {Show(q.Feedback, "0.00"),9} ({q.FeedbackCount})\n");
        }

        return text.ToString().TrimEnd();
    }

    private static Command Stats()
    {
        var json = CommonOptions.Json();
        var command = new Command("stats", "Decisions, calls, cost, latency and fallbacks per model, cache savings, and per-analysis quality scores, over every run in the data folder.") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = AutoIntelApp.Create(new AppSettings(DataDirectory.Resolve(parse.GetValue(CommonOptions.DataDir))));
            var stats = await new GatewayStatsStore(app.Artifacts).LoadAllAsync(ct);
            // Quality over every run in the data folder: valid output and evidence from the briefings, plus reader feedback.
            var quality = (await app.Services.GetRequiredService<RunReportBuilder>().BuildAsync(DateTime.MinValue, DateTime.MaxValue, ct)).Quality;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { configured = IntelligenceServiceCollectionExtensions.LlmConfigured(app.Configuration), stats, quality }, AutoIntelJson.Indented));
                return ExitCodes.Success;
            }

            if (!IntelligenceServiceCollectionExtensions.LlmConfigured(app.Configuration))
            {
                Console.WriteLine(NotConfigured);
            }

            Console.WriteLine(stats is null ? "No LLM calls recorded in this data folder yet." : stats.ToText());
            Console.WriteLine(QualityText(quality));
            return ExitCodes.Success;
        });
        return command;
    }
}
