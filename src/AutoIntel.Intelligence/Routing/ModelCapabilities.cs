namespace AutoIntel.Intelligence.Routing;

/// <summary>Capability names used in the catalog.</summary>
public static class ModelCapabilities
{
    public const string Chat = "chat";
    public const string JsonSchema = "json_schema";
    public const string Embeddings = "embeddings";
    public const string Transcription = "transcription";

    /// <summary>A transcription model that labels speakers (e.g. <c>gpt-4o-transcribe-diarize</c>): asked for <c>diarized_json</c>.</summary>
    public const string Diarization = "diarization";
}
