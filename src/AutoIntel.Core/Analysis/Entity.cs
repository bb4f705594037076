namespace AutoIntel.Core.Analysis;

/// <summary>A named thing the content mentions.</summary>
/// <param name="Type"><c>person</c>, <c>organization</c>, <c>place</c>, <c>number</c>, <c>date</c> or <c>other</c>.</param>
public sealed record Entity(string Name, string Type, int Mentions);
