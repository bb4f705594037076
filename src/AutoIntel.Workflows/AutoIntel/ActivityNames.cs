namespace AutoIntel.Workflows.AutoIntel;

/// <summary>Activity names (the class names), used by the orchestration and by both hosts' registrations.</summary>
public static class ActivityNames
{
    public const string PrepareDelivery = nameof(Delivery.PrepareDelivery);
    public const string ReportProgress = nameof(Delivery.ReportProgress);
    public const string AcquireContent = nameof(Acquire.AcquireContent);
    public const string TranscribeContent = nameof(Transcribe.TranscribeContent);
    public const string SplitAudio = nameof(Transcribe.SplitAudio);
    public const string TranscribeAudioPiece = nameof(Transcribe.TranscribeAudioPiece);
    public const string MergeTranscript = nameof(Transcribe.MergeTranscript);
    public const string SegmentTranscript = nameof(Segment.SegmentTranscript);
    public const string AnalyseChunk = nameof(Analyse.AnalyseChunk);
    public const string ReduceChunks = nameof(Analyse.ReduceChunks);
    public const string AnalyseChunkToStore = nameof(Analyse.AnalyseChunkToStore);
    public const string PresentSection = nameof(Analyse.PresentSection);

    // Legacy: the per-analysis activities of built-in analyses now declared in the catalog. Instances started before a declaration's
    // DeclaredSince (tone and perspective 3, arguments and fallacies 4, entities 6, summary 8) still schedule them (each declaration names its
    // own), and AnalyseChunk serves them; the summary's reduce step, ReduceSummary, ReduceChunks serves.
    public const string SummarizeChunk = "SummarizeChunk";
    public const string ReduceSummary = "ReduceSummary";
    public const string FindArguments = "FindArguments";
    public const string FindFallacies = "FindFallacies";
    public const string AssessTone = "AssessTone";
    public const string AssessPerspective = "AssessPerspective";
    public const string ExtractEntities = "ExtractEntities";

    public const string ExtractClaims = nameof(FactCheck.ExtractClaims);
    public const string ExtractChunkClaims = nameof(FactCheck.ExtractChunkClaims);
    public const string SelectClaims = nameof(FactCheck.SelectClaims);
    public const string VerifyClaim = nameof(FactCheck.VerifyClaim);
    public const string RememberRun = nameof(Remember.RememberRun);
    public const string UpdateKnowledgeGraph = nameof(Remember.UpdateKnowledgeGraph);
    public const string CheckNearDuplicate = nameof(Remember.CheckNearDuplicate);
    public const string ComposeBriefing = nameof(Brief.ComposeBriefing);
    public const string DeliverBriefing = nameof(Delivery.DeliverBriefing);
    public const string ReportRunFailure = nameof(Delivery.ReportRunFailure);
    public const string PollWatch = nameof(Watch.PollWatch);
    public const string NotifyWatch = nameof(Watch.NotifyWatch);
}
