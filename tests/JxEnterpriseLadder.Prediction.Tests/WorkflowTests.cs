using Microsoft.Extensions.Configuration;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Data.Tests;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Services;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>train → evaluate → predict on a generated registry, once per database provider.</summary>
public sealed class WorkflowTests
{
    private static readonly TrainingSettings Quick = new() { Trees = 60, MinimumPositives = 3, TrainedOn = new DateOnly(2026, 12, 1) };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void TrainEvaluateAndPredictAgreeAndFillTheCandidateLists(string provider)
    {
        var db = Providers.Fresh(provider);
        Seeding.SeedProvince(db, new GeneratorOptions { Seed = 11, Enterprises = 2500 }, Province.Engine);
        var registry = new RegistryRepository(db);
        var models = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N"));
        var workflow = new PromotionWorkflow(registry, Province.Engine, Quick);

        var trained = workflow.Train(models);
        Assert.Equal(2025, trained.Years.LatestOutcomeYear);
        foreach (var e in trained.Evaluations)
        {
            var t = e.Transition;
            var shipped = File.Exists(PromotionWorkflow.ModelPath(models, t));
            Assert.True(File.Exists(PromotionWorkflow.RulesPath(models, t))); // the rules baseline, always
            Assert.Equal(e.Ships, shipped);
            if (shipped)
            {
                Assert.True(e.Model!.PrecisionAtK > e.Rules.PrecisionAtK);
                Assert.True(e.Model.PrecisionAtPark50 > e.Rules.PrecisionAtPark50);
            }
            Assert.Equal(2024, e.TestYear - 1);
            Assert.Equal(2023, e.ValidationBaseYear);
            Assert.Equal(2022, e.TrainTo);
            var card = File.ReadAllText(PromotionWorkflow.CardPath(models, t));
            Assert.Contains(shipped ? "**Shipped**" : "**Not shipped", card);
            Assert.Contains($"Trained on {Quick.TrainedOn:yyyy-MM-dd} from registry 演示省份（种子 11，2,500 家企业", card);
            // A test year without an entry (a thin rung on a small province) has no ROC AUC: the card shows a dash.
            static string F(double x) => double.IsNaN(x) ? "—" : x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"| ROC AUC | {(e.Model is { } m ? F(m.RocAuc) : "—")} | {F(e.Rules.RocAuc)} |", card);
            Assert.Contains($"| expected entries (actual {e.Rules.Positives:N0}) |", card);
        }

        // Measured again from the files as they are: the same test-year figures, and not a byte of the files changes.
        var filesBefore = Directory.GetFiles(models).Order().Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();
        var evaluated = workflow.Evaluate(models);
        Assert.Equal(trained.Evaluations.Select(e => Key(e.Ships ? e.Model : null, e.Rules)), evaluated.Select(e => Key(e.ModelFigures, e.RulesFigures)));
        Assert.All(evaluated, e => Assert.Equal(e.ModelFigures is not null, File.Exists(PromotionWorkflow.ModelPath(models, e.Transition))));
        var filesAfter = Directory.GetFiles(models).Order().Select(f => (f, File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))).ToList();
        Assert.Equal(filesBefore.Select(x => (x.f, Convert.ToBase64String(x.Item2), x.Item3)), filesAfter.Select(x => (x.f, Convert.ToBase64String(x.Item2), x.Item3)));

        var predictions = new PredictionRepository(db);
        var run = workflow.Predict(models, predictions);
        Assert.Equal(2025, run.BaseYear);
        Assert.Equal(2025, predictions.LatestBaseYear());
        Assert.All(run.Stored, s => Assert.True(s.Count > 0, $"{s.Transition}: nothing scored"));

        var lists = new CandidateLists(predictions, registry, Province.Engine);
        var park = registry.Get(predictions.Candidates(Transition.TechSmeEntry.Id, 2025, null, 500).First(c => c.ParkCode is not null).CreditCode)!.Enterprise.ParkCode;
        var rows = lists.For(Transition.TechSmeEntry, park, 20);
        Assert.NotEmpty(rows);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Rank));
        Assert.All(rows, r => Assert.Equal(park, r.Candidate.ParkCode));
        Assert.Equal(rows.Select(r => r.Candidate.Probability).OrderDescending(), rows.Select(r => r.Candidate.Probability));
        Assert.All(rows, r => Assert.Equal("tech-sme", r.NearestTier));

        var progress = new TargetProgress(new DirectoryRepository(db), new PredictionRepository(db), Province.Engine.Parameters).For(2025);
        Assert.Equal(["gazelle", "innovation-demo", "little-giant", "specialised-sme", "tech-sme", "unicorn"], progress.Select(p => p.Group).Order());
        var techSme = progress.Single(p => p.Group == "tech-sme");
        Assert.Equal(10_000, techSme.Target);
        Assert.NotNull(techSme.ExpectedNext);
        Assert.InRange(techSme.ExpectedNext!.Value, techSme.Low!.Value, techSme.High!.Value);
        var stored = predictions.Candidates(Transition.TechSmeEntry.Id, 2025, null, 100_000);
        Assert.Equal(stored.Sum(c => c.Probability), techSme.ExpectedNext.Value, 6);

        // Incremental scoring after an import: only the revised enterprises are rescored, and the stored table is then
        // exactly what a full run gives.
        var before = AllPredictions(predictions);
        var changed = registry.FiledIn(2025).Where((_, i) => i % 97 == 5).Take(12).ToList();
        var revised = registry.Stream(changed).Select(r => r.Filings.Single(f => f.Year == 2025))
            .Select(f => f with { RdExpense = f.RdExpense * 4, RdExpenseDomestic = f.RdExpenseDomestic * 4, TotalCostsAndExpenses = f.TotalCostsAndExpenses + f.RdExpense * 3 }).ToList();
        var touched = new RecordChangeRepository(registry.Database).ReviseFilings(revised);
        var incremental = workflow.Predict(models, predictions, touched);
        Assert.InRange(incremental.Stored.Sum(s => s.Count), 1, 12 * Transition.All.Count);
        var afterIncremental = AllPredictions(predictions);
        Assert.NotEqual(before, afterIncremental);
        Assert.Equal(before.Where(p => !touched.Contains(p.CreditCode)), afterIncremental.Where(p => !touched.Contains(p.CreditCode)));
        workflow.Predict(models, predictions);
        Assert.Equal(AllPredictions(predictions), afterIncremental);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void ModelsOfAnotherRegistryAreRefusedAndTheRulesAreCalibratedHere(string provider)
    {
        var trainedOn = Providers.Fresh(provider);
        Seeding.SeedProvince(trainedOn, new GeneratorOptions { Seed = 11, Enterprises = 2500 }, Province.Engine);
        var models = Path.Combine(Path.GetTempPath(), "jxladder-models", Guid.NewGuid().ToString("N"));
        var trainer = new PromotionWorkflow(new RegistryRepository(trainedOn), Province.Engine, Quick);
        trainer.Train(models);
        // The HNTE model of registry A, shipped beside the rules whether or not it beat them there: a file to refuse.
        var years = trainer.Years();
        var rows = new PromotionDataset(Province.Engine, trainer.Features).Build(new RegistryRepository(trainedOn).StreamAll(), years.FirstBaseYear, years.TestBaseYear)[Transition.HnteEntry];
        var training = new PromotionTraining(Quick);
        var (_, hnteModel) = training.Train(training.NewContext(), Transition.HnteEntry, rows.Where(r => r.BaseYear < years.ValidationBaseYear).ToList(),
            rows.Where(r => r.BaseYear == years.ValidationBaseYear).ToList(), rows.Where(r => r.BaseYear == years.TestBaseYear).ToList(), years, 2500,
            trainer.Features.Names, RegistryIdentities.Of(trainedOn));
        hnteModel!.Save(PromotionWorkflow.ModelPath(models, Transition.HnteEntry));
        Assert.Equal(ForecastSource.Model, trainer.Sources(models).Single(s => s.Transition == Transition.HnteEntry).Source); // at home, it is used

        var other = Providers.Fresh(provider);
        Seeding.SeedProvince(other, new GeneratorOptions { Seed = 12, Enterprises = 2500 }, Province.Engine);
        Assert.NotEqual(RegistryIdentities.Of(trainedOn).Id, RegistryIdentities.Of(other).Id);
        var workflow = new PromotionWorkflow(new RegistryRepository(other), Province.Engine, Quick);
        var sources = workflow.Sources(models);
        Assert.All(sources, s => Assert.NotEqual(ForecastSource.Model, s.Source));
        var hnte = sources.Single(x => x.Transition == Transition.HnteEntry);
        Assert.Equal(ForecastSource.RulesModelFromAnotherRegistry, hnte.Source);
        Assert.StartsWith("演示省份（种子 11", hnte.RefusedRegistry);

        var predictions = new PredictionRepository(other);
        var run = workflow.Predict(models, predictions);
        var stored = Transition.All.SelectMany(t => predictions.Candidates(t.Id, 2025, null, 1_000_000)).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, c => Assert.Equal("[]", c.Factors)); // no model's factors: the rules alone
        // Calibrated on this registry's latest year with outcomes (base year 2024), not the file's validation year (2023).
        foreach (var t in Transition.All)
        {
            Assert.Equal($"rules:{t.Id}/2025", run.Versions[t.Id]);
            Assert.Equal($"rules:{t.Id}/2024", RulesCalibration.Load(PromotionWorkflow.RulesPath(models, t), t).Version);
        }

        // After an import, the few enterprises rescored reuse the calibration the whole scoring fitted (refitting it
        // reads the whole registry) and get the probabilities the whole scoring gave them.
        var said = new List<string>();
        var listening = new PromotionWorkflow(new RegistryRepository(other), Province.Engine, Quick, said.Add);
        listening.Predict(models, predictions);
        Assert.Contains(said, m => m.Contains("calibrating the rules", StringComparison.Ordinal));
        var whole = AllPredictions(predictions);
        var some = whole.Select(c => c.CreditCode).Distinct().Take(25).ToList();
        said.Clear();
        listening.Predict(models, predictions, some);
        Assert.DoesNotContain(said, m => m.Contains("calibrating the rules", StringComparison.Ordinal));
        Assert.Equal(whole, AllPredictions(predictions));

        // A registry that stored another registry's probabilities (before this check existed) is found stale, so the app
        // rescores it on start; once rescored, it is not.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Path"] = models, ["Models:TrainedPath"] = Path.Combine(models, "own"),
        }).Build();
        var app = new PromotionModels(new RegistryRepository(other), predictions, Province.Engine, configuration, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PromotionModels>.Instance);
        Assert.False(app.StoredForecastStale());
        workflow.Predict(models, predictions, modelsOfAnyRegistry: true);
        Assert.True(app.StoredForecastStale());
        app.Predict();
        Assert.False(app.StoredForecastStale());

        // Measured on the other registry, from the files as they are: nothing is fitted, the figures are there.
        var evaluated = workflow.Evaluate(models);
        Assert.All(evaluated, e => Assert.Equal(2025, e.TestYear));
        Assert.All(evaluated.Where(e => e.Model is not null), e => Assert.NotNull(e.ModelFigures));

        // A rung with no entry in the year to calibrate on (a small registry, or 小巨人 in a quiet year) gets no forecast,
        // and says why; the other rungs are still scored.
        using (var c = other.Open())
            Dapper.SqlMapper.Execute(c, "DELETE FROM quality_titles WHERE title = @Title AND issued_on >= '2025-01-01' AND issued_on < '2026-01-01'",
                new { Title = Domain.TierIds.LittleGiant });
        var quiet = workflow.Predict(models, predictions);
        var (rung, reason) = Assert.Single(quiet.Unscored);
        Assert.Equal(Transition.LittleGiantEntry.Id, rung);
        Assert.Contains("no little-giant-entry entries in 2025", reason);
        Assert.Empty(predictions.Candidates(Transition.LittleGiantEntry.Id, 2025, null, 1_000_000));
        Assert.DoesNotContain(quiet.Stored, s => s.Transition == Transition.LittleGiantEntry.Id);
        Assert.False(quiet.Versions.ContainsKey(Transition.LittleGiantEntry.Id));
        Assert.All(Transition.All.Where(t => t != Transition.LittleGiantEntry),
            t => Assert.True(quiet.Stored.Single(s => s.Transition == t.Id).Count > 0, t.Id));
    }

    private static List<PredictionRepository.Candidate> AllPredictions(PredictionRepository predictions) =>
        Transition.All.SelectMany(t => predictions.Candidates(t.Id, 2025, null, 1_000_000).OrderBy(c => c.CreditCode)).ToList();

    private static string Key(RankingMetrics? model, RankingMetrics rules) =>
        $"{model?.RocAuc:R}|{model?.PrAuc:R}|{model?.PrecisionAtK:R}|{model?.PrecisionAtPark50:R}|{model?.Brier:R}|{model?.Expected:R}|{rules.RocAuc:R}|{rules.PrecisionAtK:R}|{rules.Brier:R}|{rules.Expected:R}";
}
