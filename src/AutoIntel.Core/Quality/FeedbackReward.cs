namespace AutoIntel.Core.Quality;

/// <summary>What one reader's feedback says about one model on one task: a reward in 0..1 for the router's learner.</summary>
/// <param name="PromptTokens">The prompt size the model answered (picks the learner's complexity bucket).</param>
public sealed record FeedbackReward(string Task, string Model, int PromptTokens, double Quality);
