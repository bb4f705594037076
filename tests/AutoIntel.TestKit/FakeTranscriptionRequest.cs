namespace AutoIntel.TestKit;

/// <summary>One audio file <see cref="FakeOpenAiServer"/> was asked to transcribe.</summary>
/// <param name="FileName">The multipart file name (its extension tells OpenAI the format).</param>
/// <param name="Audio">The uploaded bytes.</param>
public sealed record FakeTranscriptionRequest(string FileName, byte[] Audio);
