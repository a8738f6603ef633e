using System.Text.Json.Serialization;

namespace JxEnterpriseLadder.Domain;

/// <summary>
/// The ladder's tier ids, defined once (issue 20): the engine's tiers, the registry's bit positions and list tiers, the
/// pages and the CLI all use these. The order is the engine's (and the ladder's, lowest first); a stored bit mask
/// (ladder_positions) depends on it, so a new tier goes at the end.
/// </summary>
public static class TierIds
{
    public const string TechSme = "tech-sme", Hnte = "hnte", Gazelle = "gazelle", PotentialGazelle = "potential-gazelle",
        Unicorn = "unicorn", PotentialUnicorn = "potential-unicorn", SeedUnicorn = "seed-unicorn";

    /// <summary>Every tier, in the engine's order.</summary>
    public static readonly IReadOnlyList<string> All = [TechSme, Hnte, Gazelle, PotentialGazelle, Unicorn, PotentialUnicorn, SeedUnicorn];

    /// <summary>The tiers of the high-growth lists (瞪羚/独角兽 and their potential and seed forms).</summary>
    public static readonly IReadOnlyList<string> HighGrowth = [Gazelle, PotentialGazelle, Unicorn, PotentialUnicorn, SeedUnicorn];

    /// <summary>A tier's place in <see cref="All"/> (where its counts sit in a per-tier array), or −1.</summary>
    public static int IndexOf(string tier)
    {
        for (var i = 0; i < All.Count; i++) if (All[i] == tier) return i;
        return -1;
    }
}

/// <summary>The engine's verdict on one tier, with its wire name (the API, the CLI and the registry's stored form).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    [JsonStringEnumMemberName("qualified")] Qualified,
    [JsonStringEnumMemberName("not-qualified")] NotQualified,
    [JsonStringEnumMemberName("undetermined")] Undetermined,
}

public static class Outcomes
{
    public const string Qualified = "qualified", NotQualified = "not-qualified", Undetermined = "undetermined";

    public static string Id(Outcome o) => o switch { Outcome.Qualified => Qualified, Outcome.Undetermined => Undetermined, _ => NotQualified };
}
