using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Data.Tests;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Services;

namespace JxEnterpriseLadder.Prediction.Tests;

/// <summary>train → evaluate → predict on a generated registry, once per database provider.</summary>
public sealed class WorkflowTests
{
    private static readonly TrainingSettings Quick = new() { Trees = 60, MinimumPositives = 3 };

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
            Assert.NotEqual(shipped, File.Exists(PromotionWorkflow.RulesPath(models, t))); // exactly one of the two
            Assert.Equal(e.Ships, shipped);
            if (shipped)
            {
                Assert.True(e.Model.PrecisionAtK > e.Rules.PrecisionAtK);
                Assert.True(e.Model.PrecisionAtPark50 > e.Rules.PrecisionAtPark50);
            }
            Assert.Equal(2024, e.TestYear - 1);
            Assert.Equal(2023, e.TrainTo);
            var card = File.ReadAllText(PromotionWorkflow.CardPath(models, t));
            Assert.Contains(shipped ? "**Shipped**" : "**Not shipped.**", card);
            Assert.Contains($"| ROC AUC | {e.Model.RocAuc:0.000} | {e.Logistic.RocAuc:0.000} | {e.Rules.RocAuc:0.000} |", card);
        }

        // Measured again from the files: the same figures.
        var evaluated = workflow.Evaluate(models, writeCards: false);
        Assert.Equal(trained.Evaluations.Select(e => (e.Model, e.Logistic.RocAuc, e.Rules.PrecisionAtK)).Select(Key),
                     evaluated.Evaluations.Select(e => (e.Model, e.Logistic.RocAuc, e.Rules.PrecisionAtK)).Select(Key));

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

        var progress = new TargetProgress(new DirectoryRepository(db), Province.Engine.Parameters).For(2025);
        Assert.Equal(["gazelle", "tech-sme", "unicorn"], progress.Select(p => p.Group).Order());
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
        var touched = registry.ReviseFilings(revised);
        var incremental = workflow.Predict(models, predictions, touched);
        Assert.InRange(incremental.Stored.Sum(s => s.Count), 1, 12 * Transition.All.Count);
        var afterIncremental = AllPredictions(predictions);
        Assert.NotEqual(before, afterIncremental);
        Assert.Equal(before.Where(p => !touched.Contains(p.CreditCode)), afterIncremental.Where(p => !touched.Contains(p.CreditCode)));
        workflow.Predict(models, predictions);
        Assert.Equal(AllPredictions(predictions), afterIncremental);
    }

    private static List<PredictionRepository.Candidate> AllPredictions(PredictionRepository predictions) =>
        Transition.All.SelectMany(t => predictions.Candidates(t.Id, 2025, null, 1_000_000).OrderBy(c => c.CreditCode)).ToList();

    private static string Key((RankingMetrics Model, double Logistic, double Rules) x) =>
        $"{x.Model.RocAuc:R}|{x.Model.PrAuc:R}|{x.Model.PrecisionAtK:R}|{x.Model.PrecisionAtPark50:R}|{x.Model.Brier:R}|{x.Logistic:R}|{x.Rules:R}";
}
