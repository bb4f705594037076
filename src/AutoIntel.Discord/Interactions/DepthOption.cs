using AutoIntel.Core.Runs;

namespace AutoIntel.Discord.Interactions;

/// <summary>The <c>depth</c> option of <c>/autointel</c> and <c>/autointel-watch add</c>: a choice name, <c>standard</c> when absent.</summary>
internal static class DepthOption
{
    /// <summary>The answer to a value that is not a depth.</summary>
    public const string Problem = "Depth must be one of `quick`, `standard`, `deep` or `experimental`.";

    /// <summary>Reads <paramref name="text"/>; numbers are refused although Enum.TryParse would take them.</summary>
    public static bool TryParse(string? text, out Depth depth)
    {
        depth = Depth.Standard;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out depth) && Enum.IsDefined(depth) && !text.All(char.IsAsciiDigit));
    }
}
