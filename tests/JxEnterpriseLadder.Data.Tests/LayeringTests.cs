using System.Reflection;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>
/// The libraries that read files and learn models know nothing of how the registry is stored (issue 20): Exchange
/// reads and plans imports, Prediction builds features and trains; their registry access (applying an import, reading
/// records to train on, storing predictions) lives in Services. The rules depend on the domain alone.
/// </summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData(typeof(Exchange.RegistryImporter), "JxEnterpriseLadder.Data")]
    [InlineData(typeof(Prediction.PromotionTraining), "JxEnterpriseLadder.Data")]
    [InlineData(typeof(Rules.AssessmentEngine), "JxEnterpriseLadder.Data")]
    [InlineData(typeof(Exchange.RegistryImporter), "JxEnterpriseLadder.Services")]
    [InlineData(typeof(Prediction.PromotionTraining), "JxEnterpriseLadder.Services")]
    public void ALibraryDoesNotReferenceTheLayerAboveIt(Type inLibrary, string forbidden)
    {
        var references = inLibrary.Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("JxEnterpriseLadder.Domain", references); // the check reads real references
        Assert.DoesNotContain(forbidden, references);
    }

    [Fact]
    public void TheDataLayerReferencesTheDomainOnly()
    {
        var ours = typeof(RegistryRepository).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("JxEnterpriseLadder.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["JxEnterpriseLadder.Domain"], ours);
    }
}
