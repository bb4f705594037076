namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Posts a report where the operator reads it (Discord: the configured report channel).</summary>
public interface IReportPublisher
{
    /// <summary>Posts <paramref name="text"/>; <paramref name="key"/> identifies the post, so a retried activity does not post it twice.</summary>
    /// <returns>False when no destination is configured (nothing was posted).</returns>
    Task<bool> PublishAsync(string key, string text, CancellationToken cancellationToken = default);
}
