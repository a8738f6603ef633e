namespace JxEnterpriseLadder.Services;

/// <summary>The tiers' names as pages and exports show them.</summary>
public static class TierNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new()
    {
        ["tech-sme"] = ("科技型中小企业", "Tech SME"), ["hnte"] = ("高新技术企业", "High and new tech enterprise"),
        ["gazelle"] = ("瞪羚企业", "Gazelle"), ["potential-gazelle"] = ("潜在瞪羚企业", "Potential gazelle"),
        ["unicorn"] = ("独角兽企业", "Unicorn"), ["potential-unicorn"] = ("潜在独角兽企业", "Potential unicorn"),
        ["seed-unicorn"] = ("种子独角兽企业", "Seed unicorn"),
    };

    public static string Of(string tier) => Names.TryGetValue(tier, out var name) ? name.Zh : tier;

    public static string English(string tier) => Names.TryGetValue(tier, out var name) ? name.En : tier;
}
