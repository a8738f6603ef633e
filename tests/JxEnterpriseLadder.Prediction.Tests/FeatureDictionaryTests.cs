namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>data-dictionary/fields.json names every feature in Chinese and English, and nothing that is not a feature.</summary>
public sealed class FeatureDictionaryTests
{
    [Fact]
    public void EveryFeatureHasAnEntryAndEveryEntryAFeature()
    {
        var used = Province.Features.Names.Select(FeatureLabels.EntryOf).ToHashSet();
        var documented = FeatureLabels.Documented.ToHashSet();
        Assert.Empty(used.Except(documented).Order());
        Assert.Empty(documented.Except(used).Order());
    }

    [Fact]
    public void FeaturesReadInChinese()
    {
        Assert.Equal("研发强度", FeatureLabels.Chinese("filing.rdIntensity"));
        Assert.Equal("园区：南昌高新技术产业开发区", FeatureLabels.Chinese("park:nc-hitech"));
        Assert.Equal("设区市：赣州市", FeatureLabels.Chinese("city:ganzhou"));
        Assert.All(Province.Features.Names, n => Assert.NotEqual(n, FeatureLabels.Chinese(n)));
    }
}
