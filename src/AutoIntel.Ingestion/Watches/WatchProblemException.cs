namespace AutoIntel.Ingestion.Watches;

/// <summary>A watch request that cannot be done (bad link or interval, duplicate, too many); the message is one line for the user.</summary>
public sealed class WatchProblemException(string message) : Exception(message);
