using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>Training stops on too few promotions; a model file is only read by the build whose features it was made for.</summary>
public sealed class ModelFileTests
{
    private static readonly Lazy<IReadOnlyDictionary<Transition, List<PromotionExample>>> Examples =
        new(() => new PromotionDataset(Province.Engine, Province.Features).Build(Province.Small, 2017, 2023));

    private static readonly JxEnterpriseLadder.Domain.Registry.RegistryIdentity Registry = new("test-registry", "测试登记库");
    private static readonly YearSplit Years = new(2017, 2024); // fit 2017–2021, validate 2022, test 2023

    private static (TransitionEvaluation Evaluation, PromotionModel? Model) Train(Transition t, TrainingSettings settings)
    {
        var training = new PromotionTraining(settings);
        var rows = Examples.Value[t];
        return training.Train(training.NewContext(), t, rows.Where(r => r.BaseYear < 2022).ToList(), rows.Where(r => r.BaseYear == 2022).ToList(),
            rows.Where(r => r.BaseYear == 2023).ToList(), Years, Province.Small.Count, Province.Features.Names, Registry);
    }

    private static PromotionModel Trained(out PromotionTraining training)
    {
        var settings = new TrainingSettings { Trees = 20, MinimumPositives = 3, Learners = [Learner.FastTree], TrainedOn = new DateOnly(2026, 12, 1) };
        training = new PromotionTraining(settings);
        return Train(Transition.TechSmeEntry, settings).Model!;
    }

    [Fact]
    public void TooFewPromotionsLeaveTheRungToTheRulesNamingTheTransitionAndTheCounts()
    {
        var rows = Examples.Value[Transition.HighGrowthEntry].Where(r => r.BaseYear < 2022).ToList();
        var positives = rows.Count(r => r.Entered);
        Assert.True(positives < 20, $"the small province has {positives} high-growth entries; the test needs fewer than 20");
        var (e, model) = Train(Transition.HighGrowthEntry, new TrainingSettings { MinimumPositives = 20 });
        Assert.Null(model);
        Assert.False(e.Ships);
        Assert.Empty(e.Candidates);
        Assert.Contains("high-growth-entry", e.NotLearnt);
        Assert.Contains($"only {positives} enterprises entered out of {rows.Count}", e.NotLearnt);
        Assert.Contains("at least 20", e.NotLearnt);
        Assert.Equal(2022, e.RulesCalibration.FittedOnBaseYear); // the rules are still calibrated, and measured
        Assert.Equal(Examples.Value[Transition.HighGrowthEntry].Count(r => r.BaseYear == 2023), e.Rules.Pool);
        var card = ModelCard.Render(e, null, new TrainingSettings(), "SQLite");
        Assert.Contains("**Not shipped: too few entries.**", card);
    }

    [Fact]
    public void EachLearnerIsACandidateAndTheChosenOneIsCalibratedOnTheValidationYear()
    {
        var (e, model) = Train(Transition.TechSmeEntry, new TrainingSettings { Trees = 20, MinimumPositives = 3 });
        Assert.Equal([Learner.FastTree, Learner.LightGbm, Learner.Logistic], e.Candidates.Select(c => c.Learner));
        var best = e.Candidates.MaxBy(c => c.Validation.PrecisionAtK + c.Validation.PrecisionAtPark50)!;
        Assert.Equal(best.Learner.ToString(), model!.Manifest.Learner);
        Assert.Equal(2022, model.Manifest.CalibratedOnBaseYear);
        Assert.Equal(2021, model.Manifest.TrainedToBaseYear);
        Assert.Equal("test-registry", model.Manifest.RegistryId);
        // Calibrated on the validation year: there, the probabilities add up to the entries (isotonic) or near them (Platt).
        var validation = Examples.Value[Transition.TechSmeEntry].Where(r => r.BaseYear == 2022).ToList();
        var expected = model.Score(validation).Sum(s => s.Probability);
        var actual = validation.Count(r => r.Entered);
        Assert.InRange(expected, actual * 0.9, actual * 1.1);
        Assert.NotNull(e.Model!.Expected);
        Assert.Equal(2024, e.TestYear);
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
