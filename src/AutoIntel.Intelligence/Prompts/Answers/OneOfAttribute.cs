using System.ComponentModel.DataAnnotations;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>A string from a fixed set, compared without regard to case; exported as the schema's <c>enum</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] values) : ValidationAttribute
{
    /// <summary>The allowed values, as the schema lists them.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is string s && Values.Contains(s.Trim(), StringComparer.OrdinalIgnoreCase);
}
