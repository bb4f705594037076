namespace AutoIntel.Core.Quality;

/// <summary>One reader's feedback on one run: at most one vote and the claims they marked wrong (the latest click replaces earlier ones).</summary>
/// <param name="Tenant">The guild (or <c>dm-{user}</c>) the run belongs to.</param>
/// <param name="WrongClaims">Ids of the claims whose verdict the reader says is wrong, in ordinal order.</param>
public sealed record RunFeedback(string RunId, string Tenant, string UserId, FeedbackVote? Vote, IReadOnlyList<string> WrongClaims, DateTimeOffset UpdatedAt)
{
    /// <summary>Whether two records say the same thing (ignoring when they were written).</summary>
    public bool SaysSameAs(RunFeedback? other) =>
        other is not null && other.Vote == Vote && other.WrongClaims.SequenceEqual(WrongClaims, StringComparer.Ordinal);
}
