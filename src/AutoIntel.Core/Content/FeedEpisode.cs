namespace AutoIntel.Core.Content;

/// <summary>The episode of a podcast feed that a run analysed, and which of its files was fetched.</summary>
/// <param name="Show">The feed's title.</param>
/// <param name="Title">The episode's title.</param>
/// <param name="Id">The episode's RSS <c>guid</c> or Atom <c>id</c>, when it has one.</param>
/// <param name="Published">When the feed says the episode was published, when it says so readably.</param>
/// <param name="ContentUrl">The transcript or audio link that was fetched (the run's source stays the feed link).</param>
/// <param name="Chosen">How the episode was picked: <c>newest</c>, or <c>named</c> by the link's <c>#fragment</c>.</param>
public sealed record FeedEpisode(string Show, string Title, string? Id, DateTimeOffset? Published, string ContentUrl, string Chosen);
