namespace AutoIntel.Core.Content;

/// <summary>What an acquired source turned out to be.</summary>
public enum ContentKind
{
    PlainText,
    Markdown,
    Article,
    Subtitles,
    Audio,
}
