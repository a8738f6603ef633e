using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Rules.Tiers;

namespace JxEnterpriseLadder.Rules.Tests;

/// <summary>The tiers are registered once, in the vocabulary's order (the stored bit masks depend on it), and the engine
/// answers with one result per registered tier, in that order.</summary>
public sealed class TierRegistryTests
{
    [Fact]
    public void TheRegistryHoldsEveryTierOnceInTheVocabularysOrder()
    {
        Assert.Equal(TierIds.All, TierRegistry.All.Select(t => t.Id));
        var result = new AssessmentEngine().Assess(new Domain.Profiles.EnterpriseProfile { Name = "空白" }, new DateOnly(2024, 6, 30));
        Assert.Equal(TierIds.All, result.Results.Select(r => r.Tier));
    }
}
