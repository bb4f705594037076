namespace AutoIntel.Core.Runs;

/// <summary>The built-in analyses of stage 5 not yet declared in <c>AnalysisCatalog</c> (which holds depth membership for the others); depth picks which.</summary>
public enum AnalysisKind
{
    Summary,
}
