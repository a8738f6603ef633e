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

    /// <summary>The second ladder (优质中小企业梯度培育, ADR 0023): 创新型中小企业 → 专精特新中小企业 → 专精特新"小巨人", and
    /// 国家技术创新示范企业 beside it.</summary>
    public const string InnovativeSme = "innovative-sme", SpecialisedSme = "specialised-sme", LittleGiant = "little-giant",
        InnovationDemo = "innovation-demo";

    /// <summary>Every tier, in the engine's order: the first ladder's seven, then the second ladder's four.</summary>
    public static readonly IReadOnlyList<string> All = [TechSme, Hnte, Gazelle, PotentialGazelle, Unicorn, PotentialUnicorn, SeedUnicorn,
        InnovativeSme, SpecialisedSme, LittleGiant, InnovationDemo];

    /// <summary>The first ladder's tiers (科技型中小企业 → 高新技术企业 → 瞪羚、独角兽).</summary>
    public static readonly IReadOnlyList<string> TechLadder = [TechSme, Hnte, Gazelle, PotentialGazelle, Unicorn, PotentialUnicorn, SeedUnicorn];

    /// <summary>The second ladder's tiers.</summary>
    public static readonly IReadOnlyList<string> QualityLadder = [InnovativeSme, SpecialisedSme, LittleGiant, InnovationDemo];

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
