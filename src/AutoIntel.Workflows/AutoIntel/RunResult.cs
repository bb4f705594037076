using AutoIntel.Core;
using AutoIntel.Core.Runs;

namespace AutoIntel.Workflows.AutoIntel;

/// <summary>The output of one run: where the briefing is stored, and its headline figures.</summary>
public sealed record RunResult(string RunId, ArtifactRef BriefingJson, ArtifactRef BriefingMarkdown, int ClaimCount, Usage Cost, IReadOnlyList<StageTiming> Stages);
