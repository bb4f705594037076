namespace AutoIntel.Core.Content;

/// <summary>What an acquired source turned out to be.</summary>
public enum ContentKind
{
    PlainText,
    Markdown,
    Article,
    Subtitles,
    Audio,

    /// <summary>An RSS 2.0 or Atom feed: only seen while acquiring, which resolves it to one episode's transcript or audio.</summary>
    Feed,
}
