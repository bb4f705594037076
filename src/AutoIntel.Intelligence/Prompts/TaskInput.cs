namespace AutoIntel.Intelligence.Prompts;

/// <summary>The untrusted material of one call and the context its answer is validated against.</summary>
/// <param name="Sections">Content to analyse, delimited as data in the prompt.</param>
/// <param name="Grounding">Text that quotes in the answer must come from (usually the chunk), or null.</param>
/// <param name="ChunkIndex">Chunk the answer belongs to (copied into results).</param>
public sealed record TaskInput(IReadOnlyList<DataSection> Sections, string? Grounding = null, int ChunkIndex = 0);
