namespace AutoIntel.Intelligence.Analyses;

/// <summary>Versions of the /autointel workflow that changed something other than a declared analysis.</summary>
/// <remarks>
/// The versions so far: "" / 1 before the catalog, 2 loaded language added, 3 tone and perspective declared, 4 arguments and
/// fallacies declared (each <see cref="ChunkAnalysis.DeclaredSince"/>), 5 claims by reference (here), 6 entities declared
/// (<see cref="EntitiesAnalysis.DeclaredSince"/>), 7 left free (another branch may add an entry here), 8 the summary declared
/// (<see cref="SummaryAnalysis.DeclaredSince"/>), 9 sections by reference (here). Whatever raises the version
/// goes here or into a declaration, so <see cref="AnalysisCatalog.NewInstanceVersion"/> stays the one number new instances record.
/// </remarks>
public static class WorkflowVersions
{
    /// <summary>From this version extracted claims travel by artifact reference: each chunk's claims in an artifact, the claims found
    /// but not verified in the run's not-checked artifact, and remember, brief and deliver reading that artifact. Instances started
    /// before it carry every claim inline, as their histories recorded.</summary>
    public const int ClaimsByReference = 5;

    /// <summary>From this version each analysis's chunk results and presented section travel by artifact reference: every chunk's
    /// result stored by <c>AnalyseChunkToStore</c>, the reduce step reading them by count, each section presented and stored by
    /// <c>PresentSection</c>, and remember, brief and deliver reading the stored sections. Instances started before it carry them inline.</summary>
    public const int SectionsByReference = 9;
}
