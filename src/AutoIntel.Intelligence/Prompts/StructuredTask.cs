using System.Text.Json;

namespace AutoIntel.Intelligence.Prompts;

/// <summary>One analysis as a structured-output task: instructions, JSON schema, and a parser that validates the answer.</summary>
/// <param name="TaskType">Router task type (quality priors, bandit arm, cache partition).</param>
/// <param name="Template">Prompt template id and version; changing a prompt bumps it so old cache entries no longer match.</param>
/// <param name="Instructions">Trusted task instructions (the system prompt adds the data-handling rules).</param>
/// <param name="SchemaJson">JSON schema of the answer (strict: every property required, no extras).</param>
/// <param name="Parse">Turns a schema-shaped answer into the result; throws <see cref="OutputValidationException"/> on invalid content.</param>
public sealed record StructuredTask<T>(
    string TaskType,
    string Template,
    string Instructions,
    string SchemaJson,
    int ExpectedOutputTokens,
    Func<JsonElement, TaskInput, T> Parse,
    double Temperature = 0)
{
    /// <summary>The schema name sent as <c>response_format.json_schema.name</c>.</summary>
    public string SchemaName => TaskType;
}
