using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>Training stops on too few promotions; a model file is only read by the build whose features it was made for.</summary>
public sealed class ModelFileTests
{
    private static readonly Lazy<IReadOnlyDictionary<Transition, List<PromotionExample>>> Examples =
        new(() => new PromotionDataset(Province.Engine, Province.Features).Build(Province.Small, 2017, 2023));

    private static PromotionModel Trained(out PromotionTraining training)
    {
        training = new PromotionTraining(new TrainingSettings { Trees = 20, MinimumPositives = 5 });
        var rows = Examples.Value[Transition.TechSmeEntry];
        return training.FitModel(training.NewContext(), Transition.TechSmeEntry, rows, 2017, 2023, Province.Small.Count, Province.Features.Names);
    }

    [Fact]
    public void TooFewPromotionsStopTrainingNamingTheTransitionAndTheCounts()
    {
        var training = new PromotionTraining(new TrainingSettings { MinimumPositives = 20 });
        var rows = Examples.Value[Transition.HighGrowthEntry];
        var positives = rows.Count(r => r.Entered);
        Assert.True(positives < 20, $"the small province has {positives} high-growth entries; the test needs fewer than 20");
        var e = Assert.Throws<InsufficientPositivesException>(() =>
            training.FitModel(training.NewContext(), Transition.HighGrowthEntry, rows, 2017, 2023, Province.Small.Count, Province.Features.Names));
        Assert.Contains("high-growth-entry", e.Message);
        Assert.Contains($"only {positives} enterprises entered out of {rows.Count}", e.Message);
        Assert.Contains("at least 20", e.Message);
    }

    [Fact]
    public void ASavedModelLoadsAndScoresAsBefore()
    {
        var model = Trained(out var training);
        var path = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N"), "tech-sme-entry.zip");
        model.Save(path);
        var loaded = PromotionModel.Load(training.NewContext(), path, Transition.TechSmeEntry, Province.Features);
        var sample = Examples.Value[Transition.TechSmeEntry].Take(50).ToList();
        Assert.Equal(model.Score(sample).Select(s => s.Probability), loaded.Score(sample).Select(s => s.Probability));
        var scored = loaded.Score(sample);
        Assert.Contains(scored, s => s.Factors.Count > 0);
        Assert.All(scored.SelectMany(s => s.Factors), f => Assert.Contains(f.Feature, Province.Features.Names));
    }

    [Fact]
    public void TrainingTwiceOnTheSameRowsWritesTheSameFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N"));
        Trained(out _).Save(Path.Combine(folder, "a.zip"));
        Trained(out _).Save(Path.Combine(folder, "b.zip"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "a.zip")), File.ReadAllBytes(Path.Combine(folder, "b.zip")));
    }

    [Fact]
    public void AModelOfAnotherFeatureVersionIsRefused()
    {
        var model = Trained(out var training);
        var path = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N"), "tech-sme-entry.zip");
        model.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("jxladder/manifest.json")!;
            JsonObject manifest;
            using (var s = entry.Open()) manifest = JsonNode.Parse(s)!.AsObject();
            entry.Delete();
            manifest["FeatureVersion"] = PromotionFeatures.Version - 1;
            using var w = zip.CreateEntry("jxladder/manifest.json").Open();
            JsonSerializer.Serialize(w, manifest);
        }
        var e = Assert.Throws<ModelFileException>(() => PromotionModel.Load(training.NewContext(), path, Transition.TechSmeEntry, Province.Features));
        Assert.Contains($"feature version {PromotionFeatures.Version - 1}", e.Message);
        Assert.Contains("retrain", e.Message);

        var other = Assert.Throws<ModelFileException>(() => PromotionModel.Load(training.NewContext(), path, Transition.HnteEntry, Province.Features));
        Assert.Contains("not of 'hnte-entry'", other.Message);
    }

    [Fact]
    public void AFileThatIsNoModelIsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N") + ".zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "企业名单,不是模型");
        var e = Assert.Throws<ModelFileException>(() => PromotionModel.Load(new Microsoft.ML.MLContext(1), path, Transition.TechSmeEntry, Province.Features));
        Assert.Contains("not a model file", e.Message);
    }
}
