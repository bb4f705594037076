using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace AutoIntel.Intelligence.Prompts.Answers;

/// <summary>One source of truth for structured answers: the JSON schema sent to the model is exported from the answer type, and the
/// answer is read back into that type and checked against the same attributes ([Required], [MaxLength], [MinLength], [Range], [OneOf]).</summary>
/// <remarks>
/// The schema follows OpenAI strict structured outputs: every object has <c>additionalProperties: false</c> and lists every property
/// as required. The limits are written into each property's <c>description</c> rather than as <c>maxLength</c>/<c>minimum</c>/<c>maxItems</c>
/// keywords, because strict mode refuses some of those keywords (and Azure's classic api-versions more of them), while every provider,
/// and every model that only gets the schema in its instructions, reads a description.
/// </remarks>
public static class AnswerSchema
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Transform,
    };

    private static readonly ConcurrentDictionary<Type, string> Schemas = new();

    /// <summary>The strict JSON schema of an answer type, serialized.</summary>
    public static string Json<TAnswer>()
        where TAnswer : TaskAnswer =>
        Schemas.GetOrAdd(typeof(TAnswer), t => Options.GetJsonSchemaAsNode(t, ExporterOptions).ToJsonString());

    /// <summary>Reads an answer and checks every limit its type declares.</summary>
    /// <exception cref="OutputValidationException">The answer does not have the type's shape or breaks a limit; the message names the field.</exception>
    public static TAnswer Read<TAnswer>(JsonElement answer)
        where TAnswer : TaskAnswer
    {
        TAnswer? value;
        try
        {
            value = answer.Deserialize<TAnswer>(Options);
        }
        catch (JsonException e)
        {
            throw new OutputValidationException(e.Message, e);
        }

        if (value is null)
        {
            throw new OutputValidationException("The answer must be a JSON object.");
        }

        Validate(value);
        return value;
    }

    private static void Validate(object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var field = Options.PropertyNamingPolicy!.ConvertName(property.Name);
            var item = property.GetValue(value);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (!rule.IsValid(item))
                {
                    throw new OutputValidationException($"'{field}' {Limit(rule, property.PropertyType)} (was {Shown(item)}).");
                }
            }

            if (item is IEnumerable items and not string)
            {
                foreach (var element in items)
                {
                    if (element is not null and not string)
                    {
                        Validate(element);
                    }
                }
            }
        }
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (node["properties"] is JsonObject properties)
        {
            node["required"] = new JsonArray([.. properties.Select(p => JsonValue.Create(p.Key))]);
            node["additionalProperties"] = false;
        }

        if (context.PropertyInfo?.AttributeProvider is not ICustomAttributeProvider attributes)
        {
            return node;
        }

        var type = context.PropertyInfo.PropertyType;
        var sentences = new List<string>();
        foreach (var attribute in attributes.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case DescriptionAttribute d:
                    sentences.Insert(0, d.Description);
                    break;
                case OneOfAttribute oneOf:
                    node["enum"] = new JsonArray([.. oneOf.Values.Select(v => JsonValue.Create(v))]);
                    break;
                case ValidationAttribute rule:
                    var limit = Limit(rule, type);
                    sentences.Add(char.ToUpperInvariant(limit[0]) + limit[1..] + ".");
                    break;
            }
        }

        if (sentences.Count > 0)
        {
            node["description"] = string.Join(' ', sentences);
        }

        return node;
    }

    // The same words for the model (in the schema) and for the retry hint (in the validation error).
    private static string Limit(ValidationAttribute rule, Type type)
    {
        var text = type == typeof(string);
        var invariant = CultureInfo.InvariantCulture;
        return rule switch
        {
            MaxLengthAttribute max => string.Create(invariant, $"must have at most {max.Length} {(text ? "characters" : "items")}"),
            MinLengthAttribute { Length: 1 } when !text => "must have at least one item",
            MinLengthAttribute min => string.Create(invariant, $"must have at least {min.Length} {(text ? "characters" : "items")}"),
            RangeAttribute range => string.Create(invariant, $"must be between {range.Minimum} and {range.Maximum}"),
            RequiredAttribute => text ? "must not be empty" : "must be present",
            OneOfAttribute oneOf => $"must be one of {string.Join(", ", oneOf.Values)}",
            _ => rule.FormatErrorMessage("it"),
        };
    }

    private static string Shown(object? value) => value switch
    {
        null => "null",
        string s => s.Length > 80 ? $"'{s[..80]}…' ({s.Length} characters)" : $"'{s}'",
        ICollection c => $"{c.Count} items",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
