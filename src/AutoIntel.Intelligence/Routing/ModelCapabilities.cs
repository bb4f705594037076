namespace AutoIntel.Intelligence.Routing;

/// <summary>Capability names used in the catalog.</summary>
public static class ModelCapabilities
{
    public const string Chat = "chat";
    public const string JsonSchema = "json_schema";
    public const string Embeddings = "embeddings";
    public const string Transcription = "transcription";
}
