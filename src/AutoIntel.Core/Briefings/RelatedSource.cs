namespace AutoIntel.Core.Briefings;

/// <summary>An earlier source related to this run, and how strongly.</summary>
/// <param name="Similarity">Overlap of the two runs' entities (Jaccard, 0 … 1); 0 when an older history recorded no score.</param>
public sealed record RelatedSource(string Source, double Similarity);
