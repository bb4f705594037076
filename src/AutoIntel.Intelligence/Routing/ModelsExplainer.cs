using System.Globalization;
using System.Text;
using AutoIntel.Core.Runs;
using AutoIntel.Intelligence.Budgets;
using AutoIntel.Intelligence.Prompts;

namespace AutoIntel.Intelligence.Routing;

/// <summary>Explains routing decisions without calling any model (deterministic: posterior means, no sampling).</summary>
public sealed class ModelsExplainer
{
    private readonly ModelRouter _router;
    private readonly BudgetOptions _budgets;

    public ModelsExplainer(ModelRouter router, BudgetOptions budgets)
    {
        _router = router;
        _budgets = budgets;
    }

    /// <summary>Explains the decision for a task with a prompt of the given size.</summary>
    public ModelExplanation Explain(string task, int tokens, Depth? depth = null)
    {
        var request = new RoutingRequest(task, tokens, ExpectedOutputTokens(task), depth ?? Depth.Standard, _budgets.PerCallUsd, Explore: false);
        var d = _router.Decide(request);
        return new ModelExplanation(task, tokens, request.OutputTokens, request.Depth, _budgets.PerCallUsd, d.QualityFloor, d.Winner?.Model.Id, d.Ranked, d.Filtered, d.Reason);
    }

    /// <summary>A plain-text rendering for the CLI.</summary>
    public static string Render(ModelExplanation e)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"task {e.Task}, {e.PromptTokens} prompt + {e.OutputTokens} output tokens, depth {e.Depth}, per-call budget ${e.BudgetUsd:0.####}, quality floor {e.QualityFloor:0.00}"));
        sb.AppendLine("  model                      est. cost   est. ms  prior  learned   cost  latency  quality   score");
        foreach (var c in e.Candidates)
        {
            var mark = c.Model.Id == e.Winner ? "*" : " ";
            sb.AppendLine(string.Create(inv, $"{mark} {c.Model.Id,-26} {c.EstimatedUsd,9:0.000000} {c.EstimatedLatencyMs,9:0} {c.QualityPrior,6:0.00} {c.LearnedQuality,8:0.00} {c.CostScore,6:0.00} {c.LatencyScore,8:0.00} {c.QualityScore,8:0.00} {c.Score,7:0.000}"));
        }

        foreach (var f in e.Filtered)
        {
            sb.AppendLine(string.Create(inv, $"  {f.Model,-26} filtered: {f.Reason}"));
        }

        return sb.Append(e.Reason).ToString();
    }

    /// <summary>Typical answer size of a task (used for cost estimates).</summary>
    public static int ExpectedOutputTokens(string task) => task switch
    {
        TaskTypes.ClaimExtraction => AnalysisTasks.ClaimExtraction.ExpectedOutputTokens,
        TaskTypes.ClaimVerification => AnalysisTasks.ClaimVerification.ExpectedOutputTokens,
        TaskTypes.Briefing => AnalysisTasks.Briefing.ExpectedOutputTokens,
        _ => Analyses.AnalysisCatalog.FindByTaskType(task)?.ExpectedOutputTokens ?? 400,
    };
}
