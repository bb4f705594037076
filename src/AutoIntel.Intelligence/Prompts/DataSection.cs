namespace AutoIntel.Intelligence.Prompts;

/// <summary>A labelled piece of untrusted content (a chunk, a claim, evidence) that goes into a prompt as data.</summary>
public sealed record DataSection(string Label, string Text);
