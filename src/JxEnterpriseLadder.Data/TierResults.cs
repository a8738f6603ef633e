using JxEnterpriseLadder.Domain;
using System.Globalization;
using System.Text;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// Each tier's score and parameter versions as stored beside a ladder position (<c>tier_results.results</c>, one row per
/// position, ADR 0010): <c>tier=score:version;version|tier=…</c>, the score empty when the tier has none. The outcomes are the
/// position's bits (<see cref="Summaries"/>); this text carries what the review queue and a decision cite.
/// </summary>
public static class TierResults
{
    public sealed record Stored(string Tier, int? Score, string Parameters);

    public static string Encode(IReadOnlyList<AssessmentRow> tiers)
    {
        var text = new StringBuilder(tiers.Count * 48);
        foreach (var t in tiers)
        {
            if (t.Tier.Contains('=') || t.Tier.Contains('|') || t.Parameters.Contains('|'))
                throw new ArgumentException($"{t.CreditCode}: tier '{t.Tier}' or its parameters '{t.Parameters}' would break the stored text");
            if (text.Length > 0) text.Append('|');
            text.Append(t.Tier).Append('=');
            if (t.Score is { } score) text.Append(score.ToString(CultureInfo.InvariantCulture));
            text.Append(':').Append(t.Parameters);
        }
        return text.ToString();
    }

    public static IReadOnlyDictionary<string, Stored> Decode(string text)
    {
        var tiers = new Dictionary<string, Stored>(StringComparer.Ordinal);
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var colon = part.IndexOf(':', equals + 1);
            if (equals <= 0 || colon < 0) throw new FormatException($"not a stored tier result: '{part}'");
            var score = part[(equals + 1)..colon];
            var tier = part[..equals];
            tiers[tier] = new Stored(tier, score.Length == 0 ? null : int.Parse(score, CultureInfo.InvariantCulture), part[(colon + 1)..]);
        }
        return tiers;
    }

    /// <summary>A tier's outcome from a position's bits, as the engine names it.</summary>
    public static string Outcome(string tier, int qualifiedTiers, int undeterminedTiers)
    {
        var bit = Summaries.Bit(tier);
        return (qualifiedTiers & bit) != 0 ? Outcomes.Qualified : (undeterminedTiers & bit) != 0 ? Outcomes.Undetermined : Outcomes.NotQualified;
    }
}
