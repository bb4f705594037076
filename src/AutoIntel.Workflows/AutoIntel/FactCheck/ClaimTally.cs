using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AutoIntel.Core.FactCheck;

namespace AutoIntel.Workflows.AutoIntel.FactCheck;

/// <summary><see cref="ClaimBudget"/> in two passes over a run's claims, for <see cref="SelectClaims"/>: the first pass keeps of each id
/// only where its kept copy was read, the second reads the claims again and hands on the kept copies one chunk at a time.</summary>
/// <remarks>A long run finds tens of thousands of claims; holding one <see cref="Claim"/> per id (as <see cref="ClaimBudget.DistinctClaims"/>
/// does) grew the activity's memory with the run. The tally holds a few numbers per id, and the second pass one chunk's not-checked claims.
/// Its choice and order are <see cref="ClaimBudget"/>'s (the same keep rule and <see cref="ClaimBudget.Rank"/>), provided the claims are
/// read in chunk order (<see cref="InChunkOrder"/>); otherwise the caller takes the in-memory path.</remarks>
public sealed class ClaimTally
{
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private int _read;
    private int _lastChunkIndex = int.MinValue;

    /// <summary>Distinct claims (ids) read.</summary>
    public int Distinct => _kept.Count;

    /// <summary>Whether no claim read had a lower chunk index than the one before it. Then a chunk's kept copies are read together, and
    /// the second pass can list them in <see cref="ClaimBudget.NotChecked"/>'s order a chunk at a time.</summary>
    public bool InChunkOrder { get; private set; } = true;

    /// <summary>First pass: tallies the next claim read.</summary>
    public void Add(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var sequence = _read++;
        InChunkOrder &= claim.ChunkIndex >= _lastChunkIndex;
        _lastChunkIndex = claim.ChunkIndex;

        ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(_kept, claim.Id, out var seen);
        if (!seen)
        {
            kept = new Kept(claim.CheckWorthiness, claim.ChunkIndex, sequence, sequence);
        }
        else if (ClaimBudget.Replaces(claim, kept.CheckWorthiness, kept.ChunkIndex))
        {
            kept = kept with { CheckWorthiness = claim.CheckWorthiness, ChunkIndex = claim.ChunkIndex, Sequence = sequence };
        }
    }

    /// <summary>The ids of the <paramref name="maxClaims"/> claims to verify, most check-worthy first (<see cref="ClaimBudget.Choose"/>).</summary>
    /// <remarks>Only the best <paramref name="maxClaims"/> are held while ranking, with the worst of them on top to be pushed out.</remarks>
    public List<string> Choose(int maxClaims)
    {
        if (maxClaims <= 0)
        {
            return [];
        }

        var best = new PriorityQueue<string, ClaimBudget.Rank>(Comparer<ClaimBudget.Rank>.Create((a, b) => ClaimBudget.Rank.Order.Compare(b, a)));
        foreach (var (id, kept) in _kept)
        {
            var rank = new ClaimBudget.Rank(kept.CheckWorthiness, kept.ChunkIndex, id);
            if (best.Count < maxClaims)
            {
                best.Enqueue(id, rank);
            }
            else
            {
                best.EnqueueDequeue(id, rank);
            }
        }

        var chosen = new List<string>(best.Count);
        while (best.TryDequeue(out var id, out _))
        {
            chosen.Add(id);
        }

        chosen.Reverse();
        return chosen;
    }

    /// <summary>Second pass over the same claims in the same order: puts the kept copy of each chosen id in <paramref name="selected"/> at
    /// its place in <paramref name="chosen"/>, and yields the other kept copies in <see cref="ClaimBudget.NotChecked"/>'s order (by chunk,
    /// then by when the id was first read). Enumerating it again (a retried write) does the same again.</summary>
    /// <exception cref="InvalidDataException">The claims differ from the first pass's.</exception>
    public async IAsyncEnumerable<Claim> KeptAsync(IAsyncEnumerable<Claim> again, IReadOnlyList<string> chosen, Claim[] selected, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(again);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(selected);
        if (!InChunkOrder)
        {
            throw new InvalidOperationException("The claims were not read in chunk order; choose them in memory.");
        }

        var places = new Dictionary<string, int>(chosen.Count, StringComparer.Ordinal);
        for (var i = 0; i < chosen.Count; i++)
        {
            places[chosen[i]] = i;
        }

        List<(int FirstRead, Claim Claim)> chunk = [];
        var sequence = 0;
        await foreach (var claim in again.WithCancellation(cancellationToken))
        {
            var read = sequence++;
            if (!_kept.TryGetValue(claim.Id, out var kept))
            {
                throw new InvalidDataException($"Claim '{claim.Id}' was not read in the first pass: the claims artifacts changed between the passes.");
            }

            if (read != kept.Sequence)
            {
                continue;
            }

            if (places.TryGetValue(claim.Id, out var place))
            {
                selected[place] = claim;
                continue;
            }

            if (chunk.Count > 0 && chunk[0].Claim.ChunkIndex != claim.ChunkIndex)
            {
                foreach (var notChosen in InFirstReadOrder(chunk))
                {
                    yield return notChosen;
                }
            }

            chunk.Add((kept.FirstRead, claim));
        }

        foreach (var notChosen in InFirstReadOrder(chunk))
        {
            yield return notChosen;
        }

        if (sequence != _read)
        {
            throw new InvalidDataException($"The second pass read {sequence} claims, the first {_read}: the claims artifacts changed between the passes.");
        }
    }

    // Empties the chunk's list as it hands the claims on, so the list is reused for the next chunk.
    private static List<Claim> InFirstReadOrder(List<(int FirstRead, Claim Claim)> chunk)
    {
        chunk.Sort((a, b) => a.FirstRead.CompareTo(b.FirstRead));
        var claims = chunk.ConvertAll(c => c.Claim);
        chunk.Clear();
        return claims;
    }

    // Where an id's kept copy was read (Sequence) and where the id was first read (FirstRead), counting claims across the chunks in order.
    private readonly record struct Kept(double CheckWorthiness, int ChunkIndex, int Sequence, int FirstRead);
}
