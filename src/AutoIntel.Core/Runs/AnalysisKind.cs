namespace AutoIntel.Core.Runs;

/// <summary>The analyses stage 5 can run; depth picks which.</summary>
public enum AnalysisKind
{
    Summary,
    Arguments,
    Fallacies,
    Tone,
    Perspective,
    Entities,
}
