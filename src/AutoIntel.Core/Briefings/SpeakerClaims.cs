using AutoIntel.Core.FactCheck;

namespace AutoIntel.Core.Briefings;

/// <summary>The claims one speaker made, for briefings of transcripts that label their speakers.</summary>
/// <param name="Speaker">The speaker as the transcript labels them, or null for claims no speaker could be given.</param>
/// <param name="Claims">Zero-based positions in <see cref="Briefing.Claims"/>, in briefing order.</param>
public sealed record SpeakerClaims(string? Speaker, IReadOnlyList<int> Claims)
{
    /// <summary>The claims grouped by speaker, speakers in order of their first claim, unattributed claims last;
    /// null when no claim has a speaker (the briefing then lists claims as one group).</summary>
    public static IReadOnlyList<SpeakerClaims>? Group(IReadOnlyList<ClaimVerdict> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var groups = new Grouping();
        foreach (var claim in claims)
        {
            groups.Add(claim);
        }

        return groups.Result();
    }

    /// <summary>Groups claims as they come, one at a time, as <see cref="Group"/> groups a list: for claims streamed from an artifact.</summary>
    public sealed class Grouping
    {
        private readonly Dictionary<string, List<int>> _bySpeaker = new(StringComparer.Ordinal);
        private readonly List<(string Speaker, List<int> Claims)> _speakers = [];
        private readonly List<int> _unattributed = [];
        private int _count;

        /// <summary>Adds the next claim of the briefing.</summary>
        public void Add(ClaimVerdict claim)
        {
            ArgumentNullException.ThrowIfNull(claim);
            var index = _count++;
            if (claim.Claim.Speaker is not { } speaker)
            {
                _unattributed.Add(index);
            }
            else if (_bySpeaker.TryGetValue(speaker, out var listed))
            {
                listed.Add(index);
            }
            else
            {
                _bySpeaker[speaker] = [index];
                _speakers.Add((speaker, _bySpeaker[speaker]));
            }
        }

        /// <summary>The groups of the claims added so far; null when none has a speaker.</summary>
        public IReadOnlyList<SpeakerClaims>? Result()
        {
            if (_speakers.Count == 0)
            {
                return null;
            }

            List<SpeakerClaims> groups = [.. _speakers.Select(s => new SpeakerClaims(s.Speaker, s.Claims))];
            if (_unattributed.Count > 0)
            {
                groups.Add(new SpeakerClaims(null, _unattributed));
            }

            return groups;
        }
    }
}
