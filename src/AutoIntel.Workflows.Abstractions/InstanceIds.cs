using System.Diagnostics.CodeAnalysis;

namespace AutoIntel.Workflows.Abstractions;

/// <summary>
/// The one rule for instance ids, checked wherever an id comes in (CLI arguments, the local server, the history store):
/// 1–100 ASCII letters, digits, '-', '_' and '.', not starting with '.'. Ids name files and blob paths, so nothing else is safe.
/// </summary>
public static class InstanceIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>What an id may hold, for error messages.</summary>
    public const string Rule = "1-100 letters, digits, '-', '_' or '.', not starting with '.'";

    /// <summary>Whether <paramref name="id"/> is usable as an instance id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength }
        && id[0] != '.'
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Returns <paramref name="id"/> when valid; otherwise throws <see cref="ArgumentException"/> with a one-line message.</summary>
    public static string Validate(string? id, string parameterName = "instanceId") =>
        IsValid(id) ? id! : throw new ArgumentException(Problem(id), parameterName);

    /// <summary>One line saying why <paramref name="id"/> is refused, showing a short, printable excerpt of it.</summary>
    public static string Problem(string? id) => $"'{Excerpt(id)}' is not an instance id ({Rule}).";

    // The id may be 5,000 characters or hold control characters: show at most 40 printable ones.
    private static string Excerpt(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return string.Empty;
        }

        var printable = new string([.. id.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return id.Length > 40 ? printable + $"… ({id.Length} characters)" : printable;
    }
}
