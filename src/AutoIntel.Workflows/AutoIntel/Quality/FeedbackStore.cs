using System.Text.Json;
using AutoIntel.Core.Quality;
using AutoIntel.Core.Serialization;
using AutoIntel.Storage;

namespace AutoIntel.Workflows.AutoIntel.Quality;

/// <summary>Keeps reader feedback in the artifact store: one artifact per tenant, run and user (<c>feedback/{tenant}/{run}/{user}.json</c>).</summary>
/// <remarks>Updated only with conditional writes, so two clicks of the same user racing on two hosts still leave one record.</remarks>
public sealed class FeedbackStore(IArtifactStore store)
{
    /// <summary>Prefix of every feedback record.</summary>
    public const string Prefix = "feedback/";

    private const int MaxAttempts = 8;

    /// <summary>Where one user's feedback on one run is kept.</summary>
    public static string PathOf(string tenant, string runId, string userId) => $"{Prefix}{tenant}/{runId}/{userId}.json";

    /// <summary>Applies <paramref name="change"/> to the user's record; returns the record before and after (the same when nothing changed).</summary>
    public async Task<(RunFeedback? Before, RunFeedback After)> UpdateAsync(string tenant, string runId, string userId, Func<RunFeedback?, RunFeedback> change, CancellationToken cancellationToken = default)
    {
        string path = PathOf(tenant, runId, userId);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            VersionedArtifact? current = await store.GetVersionedAsync(path, cancellationToken);
            RunFeedback? before = current is null ? null : JsonSerializer.Deserialize<RunFeedback>(current.Content, AutoIntelJson.Options);
            RunFeedback after = change(before);
            if (after.SaysSameAs(before))
            {
                return (before, before!);
            }

            if (await store.TryPutAsync(path, JsonSerializer.SerializeToUtf8Bytes(after, AutoIntelJson.Options), "application/json", current?.Version, cancellationToken))
            {
                return (before, after);
            }
        }

        throw new InvalidOperationException($"Feedback on run {runId} changed concurrently {MaxAttempts} times; try again.");
    }

    /// <summary>Every feedback record, optionally only for some runs.</summary>
    public async Task<IReadOnlyList<RunFeedback>> ListAsync(IReadOnlySet<string>? runIds = null, CancellationToken cancellationToken = default)
    {
        var all = new List<RunFeedback>();
        foreach (string path in await store.ListAsync(Prefix, cancellationToken))
        {
            // feedback/{tenant}/{run}/{user}.json: skip other runs without reading them.
            string[] parts = path.Split('/');
            if (parts.Length != 4 || (runIds is not null && !runIds.Contains(parts[2])))
            {
                continue;
            }

            if (JsonSerializer.Deserialize<RunFeedback>(await store.GetAsync(path, cancellationToken), AutoIntelJson.Options) is { } feedback)
            {
                all.Add(feedback);
            }
        }

        return all;
    }
}
