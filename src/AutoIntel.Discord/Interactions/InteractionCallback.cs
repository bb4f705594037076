namespace AutoIntel.Discord.Interactions;

/// <summary>The JSON an interaction is answered with: 1 = PONG, 4 = message, 5 = deferred message.</summary>
public sealed record InteractionCallback(int Type, InteractionCallbackData? Data = null);
