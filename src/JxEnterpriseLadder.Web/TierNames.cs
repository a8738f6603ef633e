namespace JxEnterpriseLadder.Web;

/// <summary>The tiers' Chinese names as the pages show them.</summary>
public static class TierNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["tech-sme"] = "科技型中小企业", ["hnte"] = "高新技术企业", ["gazelle"] = "瞪羚企业", ["potential-gazelle"] = "潜在瞪羚企业",
        ["unicorn"] = "独角兽企业", ["potential-unicorn"] = "潜在独角兽企业", ["seed-unicorn"] = "种子独角兽企业",
    };

    public static string Of(string tier) => Names.TryGetValue(tier, out var name) ? name : tier;
}
