namespace AutoIntel.Core.Quality;

/// <summary>A reader's verdict on a whole briefing: the 👍 or 👎 button.</summary>
public enum FeedbackVote
{
    Up,
    Down,
}
