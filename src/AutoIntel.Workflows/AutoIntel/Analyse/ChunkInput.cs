using AutoIntel.Intelligence.Analyzers;
using AutoIntel.Workflows.AutoIntel.Segment;

namespace AutoIntel.Workflows.AutoIntel.Analyse;

/// <summary>Input of every per-chunk analysis activity.</summary>
public sealed record ChunkInput(AnalysisRequest Request, ChunkRef Chunk);
