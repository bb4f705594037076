namespace AutoIntel.Core.Runs;

/// <summary>How much work one run does; selects stages and fan-out width.</summary>
public enum Depth
{
    Quick,
    Standard,
    Deep,
    Experimental,
}
