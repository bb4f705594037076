namespace AutoIntel.Core.FactCheck;

/// <summary>Something that bears on a claim: a remembered verdict, a passage, a source.</summary>
/// <param name="Source">Where it comes from (<c>memory</c>, a URL, a model name).</param>
public sealed record Evidence(string Source, string Snippet, double Relevance, string? Url = null);
