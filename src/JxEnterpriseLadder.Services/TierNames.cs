using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Domain.Registry;
namespace JxEnterpriseLadder.Services;

/// <summary>The tiers' names as pages and exports show them, and the other titles the second ladder reads.</summary>
public static class TierNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new()
    {
        [TierIds.TechSme] = ("科技型中小企业", "Tech SME"), [TierIds.Hnte] = ("高新技术企业", "High and new tech enterprise"),
        [TierIds.Gazelle] = ("瞪羚企业", "Gazelle"), [TierIds.PotentialGazelle] = ("潜在瞪羚企业", "Potential gazelle"),
        [TierIds.Unicorn] = ("独角兽企业", "Unicorn"), [TierIds.PotentialUnicorn] = ("潜在独角兽企业", "Potential unicorn"),
        [TierIds.SeedUnicorn] = ("种子独角兽企业", "Seed unicorn"),
        [TierIds.InnovativeSme] = ("创新型中小企业", "Innovative SME"), [TierIds.SpecialisedSme] = ("专精特新中小企业", "Specialised SME"),
        [TierIds.LittleGiant] = ("专精特新“小巨人”企业", "Specialised “little giant”"),
        [TierIds.InnovationDemo] = ("国家技术创新示范企业", "National technology-innovation demonstration enterprise"),
        [QualityTitles.IpAdvantage] = ("国家知识产权优势企业", "National IP advantage enterprise"),
        [QualityTitles.IpDemo] = ("国家知识产权示范企业", "National IP demonstration enterprise"),
        [QualityTitles.SingleChampion] = ("制造业单项冠军企业", "Manufacturing single champion"),
    };

    public static string Of(string tier) => Names.TryGetValue(tier, out var name) ? name.Zh : tier;

    public static string English(string tier) => Names.TryGetValue(tier, out var name) ? name.En : tier;
}
