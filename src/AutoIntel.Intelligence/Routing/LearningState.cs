namespace AutoIntel.Intelligence.Routing;

/// <summary>Persisted learning: bandit arms and observed latencies.</summary>
public sealed record LearningState(IReadOnlyList<ArmState> Arms, IReadOnlyDictionary<string, double> LatencyMs);

/// <summary>One arm's evidence beyond its prior.</summary>
public sealed record ArmState(string Task, string Bucket, string Model, double Successes, double Failures, int Pulls);
