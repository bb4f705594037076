using System.Text.RegularExpressions;

namespace AutoIntel.Cli.Hosting;

/// <summary>Instance ids become file and artifact names, so only a safe alphabet is accepted.</summary>
public static partial class InstanceIds
{
    /// <summary>Whether <paramref name="id"/> is usable as an instance id.</summary>
    public static bool IsValid(string id) => SafeId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex SafeId();
}
