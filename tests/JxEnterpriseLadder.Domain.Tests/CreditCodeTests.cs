using JxEnterpriseLadder.Domain;

namespace JxEnterpriseLadder.Domain.Tests;

public sealed class CreditCodeTests
{
    [Theory]
    // Published codes (company registration notices); the last character is the GB 32100-2015 check character.
    [InlineData("91350100M000100Y43")]
    [InlineData("91110108551385082Q")]
    public void RealCodesAreValid(string code) => Assert.True(UnifiedSocialCreditCode.IsValid(code), UnifiedSocialCreditCode.Validate(code));

    [Theory]
    [InlineData("91350100M000100Y44", "校验码")]
    [InlineData("91350100M000100Y4", "18 位")]
    [InlineData("91350100M000I00Y43", "不在允许的字符集")]
    [InlineData("", "为空")]
    public void BadCodesSayWhy(string code, string reason) => Assert.Contains(reason, UnifiedSocialCreditCode.Validate(code));

    [Fact]
    public void EverySingleCharacterChangeIsCaught()
    {
        const string code = "91350100M000100Y43";
        foreach (var i in Enumerable.Range(0, 17))
            foreach (var ch in UnifiedSocialCreditCode.Alphabet.Where(c => c != code[i]))
                Assert.False(UnifiedSocialCreditCode.IsValid(code[..i] + ch + code[(i + 1)..]), $"position {i + 1} → {ch}");
    }

    [Fact]
    public void ReferenceDataHasTheElevenCitiesAndGanjiangNewArea()
    {
        var r = JiangxiReference.Default;
        Assert.Equal(12, r.Cities.Count);
        Assert.Contains(r.Cities, c => c.Name == "赣江新区");
        Assert.All(r.Parks, p => Assert.NotNull(r.CityByCode(p.City)));
        Assert.All(r.IndustryChains, c => Assert.NotNull(r.IndustryByCode(c.Industry)));
    }
}
