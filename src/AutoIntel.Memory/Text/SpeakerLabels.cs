using System.Text.RegularExpressions;

namespace AutoIntel.Memory.Text;

/// <summary>Reads transcript speaker labels ("Jane Doe: …" at the start of a line or sentence), so a passage can say who spoke.</summary>
internal static partial class SpeakerLabels
{
    /// <summary>Who speaks at the start of <paramref name="passage"/>: its own leading label, else <paramref name="carried"/>
    /// (the last speaker of the text before it); and the last speaker in it, to carry into the next passage.</summary>
    public static (string? AtStart, string? Last) Read(string passage, string? carried)
    {
        MatchCollection labels = Label().Matches(passage);
        if (labels.Count == 0)
        {
            return (carried, carried);
        }

        string? atStart = labels[0].Index == 0 ? labels[0].Groups["name"].Value : carried;
        return (atStart, labels[^1].Groups["name"].Value);
    }

    /// <summary>A sentence's leading label and the text after it (no label: null and the sentence unchanged).</summary>
    public static (string? Label, string Text) TakeLeading(string sentence) =>
        Label().Match(sentence) is { Success: true, Index: 0 } m ? (m.Groups["name"].Value, sentence[m.Length..]) : (null, sentence);

    // One to four capitalised words, then a colon and text: "Alice:", "Dr. Jane Doe:". Lowercase words ("note: …") are not names.
    [GeneratedRegex(@"(?:^|(?<=[.!?]\s+)|(?<=\n))(?<name>\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,3}):[ \t]+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
