using JxEnterpriseLadder.Domain;
namespace JxEnterpriseLadder.Services;

/// <summary>The tiers' names as pages and exports show them.</summary>
public static class TierNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new()
    {
        [TierIds.TechSme] = ("科技型中小企业", "Tech SME"), [TierIds.Hnte] = ("高新技术企业", "High and new tech enterprise"),
        [TierIds.Gazelle] = ("瞪羚企业", "Gazelle"), [TierIds.PotentialGazelle] = ("潜在瞪羚企业", "Potential gazelle"),
        [TierIds.Unicorn] = ("独角兽企业", "Unicorn"), [TierIds.PotentialUnicorn] = ("潜在独角兽企业", "Potential unicorn"),
        [TierIds.SeedUnicorn] = ("种子独角兽企业", "Seed unicorn"),
    };

    public static string Of(string tier) => Names.TryGetValue(tier, out var name) ? name.Zh : tier;

    public static string English(string tier) => Names.TryGetValue(tier, out var name) ? name.En : tier;
}
