namespace AutoIntel.TestKit;

/// <summary>A <see cref="FakeOpenAiServer"/> chat handler that answers every AutoIntel analysis schema with a small valid answer.</summary>
/// <remarks>Answers name no quotes, so they never fail the gateway's "quote must appear in the content" check whatever the content.</remarks>
public static class FakeAnalyst
{
    /// <summary>The claim every claim extraction returns.</summary>
    public const string Claim = "The town council approved the new bridge in 2024.";

    /// <summary>The rationale every claim verification returns, so tests can tell model verdicts from offline ones.</summary>
    public const string Rationale = "The fake model checked it against the evidence.";

    /// <summary>A valid answer for the request's schema (a 400 for an unknown schema).</summary>
    public static FakeReply Answer(FakeChatRequest request) => request.SchemaName switch
    {
        // The map and reduce steps share the summary schema name; one answer satisfies both.
        "summary" => FakeReply.Json("""{"text":"The model's summary of the source.","keyPoints":["A point the model found."],"ignoredInstructions":[]}"""),
        "argument_analysis" => FakeReply.Json("""{"arguments":[],"ignoredInstructions":[]}"""),
        "fallacies" => FakeReply.Json("""{"fallacies":[],"ignoredInstructions":[]}"""),
        "tone" => FakeReply.Json("""{"label":"informative","sentiment":0.1,"cues":[],"ignoredInstructions":[]}"""),
        "perspective" => FakeReply.Json("""{"stance":"the host's","balance":0.6,"biasCues":[],"missingViewpoints":["residents"],"ignoredInstructions":[]}"""),
        "entities" => FakeReply.Json("""{"entities":[{"name":"Town Council","type":"organization","mentions":2}],"ignoredInstructions":[]}"""),
        "claim_extraction" => FakeReply.Json($$"""{"claims":[{"text":"{{Claim}}","checkWorthiness":0.9}],"ignoredInstructions":[]}"""),
        "claim_verification" => FakeReply.Json($$"""{"verdict":"supported","confidence":0.8,"rationale":"{{Rationale}}","citations":["E1"],"ignoredInstructions":[]}"""),
        "briefing" => FakeReply.Json("""{"overview":"An overview written by the model.","ignoredInstructions":[]}"""),
        "loaded_language" => FakeReply.Json("""{"terms":[],"ignoredInstructions":[]}"""),
        _ => FakeReply.Error(400, $"unexpected schema {request.SchemaName}"),
    };
}
