using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>Small generated provinces shared by the tests (generation runs the real engine, so it is made once).</summary>
public static class Province
{
    public static readonly AssessmentEngine Engine = new();
    public static readonly PromotionFeatures Features = new(Engine);

    private static readonly Lazy<IReadOnlyList<EnterpriseRecord>> SmallOne =
        new(() => new ProvinceGenerator(Engine).Generate(new GeneratorOptions { Seed = 7, Enterprises = 400 }));

    public static IReadOnlyList<EnterpriseRecord> Small => SmallOne.Value;
}
