namespace AutoIntel.Memory;

/// <summary>Payload keys and kinds that <see cref="ContentMemory"/> writes on every vector (the filterable schema).</summary>
public static class MemoryPayload
{
    /// <summary>The tenant (community) that owns the record; every query filters on it.</summary>
    public const string Tenant = "tenant";

    /// <summary>What the record is: <see cref="ChunkKind"/>, <see cref="VerdictKind"/> or <see cref="DocumentKind"/>.</summary>
    public const string Kind = "kind";

    /// <summary>The run that stored the record.</summary>
    public const string Run = "run";

    /// <summary>The run's source (URL or file name).</summary>
    public const string Source = "source";

    /// <summary>The hash of the run's content (its transcript text); absent on records stored before it existed or without one.</summary>
    public const string ContentHash = "hash";

    /// <summary>The embedded text (passage or claim).</summary>
    public const string Text = "text";

    /// <summary>Who speaks at the start of a passage, when the transcript labels speakers ("Jane Doe: …"); absent otherwise.</summary>
    public const string Speaker = "speaker";

    /// <summary>Position within the run: <c>chunk.passage</c> for passages, the verdict's index for verdicts.</summary>
    public const string Index = "index";

    /// <summary>The claim id of a verdict record.</summary>
    public const string ClaimId = "claim";

    /// <summary><c>true</c> when a verdict is decided (anything but Unverified).</summary>
    public const string Decided = "decided";

    /// <summary>The verdict record as JSON (<see cref="Core.Serialization.AutoIntelJson.Options"/>).</summary>
    public const string Verdict = "verdict";

    /// <summary>When the record was stored (ISO 8601, UTC), so the newest verdict wins.</summary>
    public const string StoredAt = "at";

    /// <summary>The keys ContentMemory filters on, which a vector store should index (Qdrant: keyword payload indexes).</summary>
    public static IReadOnlySet<string> FilterKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { Tenant, Kind, Run, ClaimId, Decided };

    /// <summary>Kind of a content passage (a few sentences of one chunk).</summary>
    public const string ChunkKind = "chunk";

    /// <summary>Kind of a checked claim with its verdict.</summary>
    public const string VerdictKind = "verdict";

    /// <summary>Kind of a whole-document fingerprint used for near-duplicate detection.</summary>
    public const string DocumentKind = "doc";
}
