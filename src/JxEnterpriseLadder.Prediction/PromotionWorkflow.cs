using System.Diagnostics;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Prediction;

/// <summary>The years of one run: outcomes are known up to <see cref="LatestOutcomeYear"/> (Y); the model learns from
/// base years up to Y−2 (outcomes up to Y−1) and is tested on base year Y−1 (outcomes of Y), never a random split.</summary>
public sealed record YearSplit(int FirstBaseYear, int LatestOutcomeYear)
{
    public int TestBaseYear => LatestOutcomeYear - 1;
    public int LastTrainBaseYear => LatestOutcomeYear - 2;
    /// <summary>Predictions are made from the end of the latest year for the year after it.</summary>
    public int PredictionBaseYear => LatestOutcomeYear;
}

/// <summary>train → evaluate → predict over a registry, as the `jxladder ml` verbs run them.</summary>
public sealed class PromotionWorkflow(RegistryRepository registry, AssessmentEngine engine, TrainingSettings settings, Action<string>? progress = null)
{
    private readonly PromotionFeatures _features = new(engine);
    private readonly PromotionTraining _training = new(settings);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PromotionFeatures Features => _features;

    public static string ModelPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".zip");
    public static string CardPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".md");
    public static string RulesPath(string modelsDir, Transition t) => Path.Combine(modelsDir, t.Id + ".rules.json");

    public YearSplit Years()
    {
        var years = registry.RegisteredTechSmesByYear().Select(y => y.Year).ToArray();
        if (years.Length < 3)
            throw new InvalidOperationException($"{registry.Database.Description}: the registry holds tech-SME registrations for {years.Length} year(s); " +
                "training needs at least three (seed it with `jxladder seed`)");
        return new YearSplit(years.Min(), years.Max());
    }

    /// <summary>The year whose year-end the stored predictions start from: the latest year of tech-SME registrations.
    /// Scoring needs only that year (training needs three, <see cref="Years"/>).</summary>
    public int PredictionBaseYear() =>
        registry.RegisteredTechSmesByYear().Select(y => y.Year).DefaultIfEmpty().Max() is var y and > 0
            ? y
            : throw new InvalidOperationException($"{registry.Database.Description}: the registry holds no tech-SME registrations: nothing to score from");

    public sealed record Run(YearSplit Years, int Enterprises, IReadOnlyList<TransitionEvaluation> Evaluations, IReadOnlyList<string> Written);

    /// <summary>Fits every transition's model on the training years, measures it against both baselines on the test
    /// year, writes the model file of each one that ships (and removes a stale one that no longer does) and its card.</summary>
    public Run Train(string modelsDir) => Measure(modelsDir, refit: true, writeCards: true);

    /// <summary>Loads the shipped model files (refitting those not shipped) and measures them again from the database.</summary>
    public Run Evaluate(string modelsDir, bool writeCards) => Measure(modelsDir, refit: false, writeCards);

    private Run Measure(string modelsDir, bool refit, bool writeCards)
    {
        var years = Years();
        var enterprises = registry.CountEnterprises();
        Say($"building examples from {enterprises} enterprises, base years {years.FirstBaseYear}–{years.TestBaseYear}");
        var data = new PromotionDataset(engine, _features).Build(registry.StreamAll(), years.FirstBaseYear, years.TestBaseYear);
        // Every rung is fitted and measured before any file is written: a rung with too few entries stops the run with nothing half-written.
        var measured = new List<(TransitionEvaluation Evaluation, PromotionModel Model)>();
        foreach (var t in Transition.All)
        {
            var ml = _training.NewContext();
            var train = data[t].Where(e => e.BaseYear <= years.LastTrainBaseYear).ToList();
            var test = data[t].Where(e => e.BaseYear == years.TestBaseYear).ToList();
            Say($"{t.Id}: {train.Count} training rows ({train.Count(e => e.Entered)} entered), {test.Count} test rows ({test.Count(e => e.Entered)} entered)");
            var path = ModelPath(modelsDir, t);
            var model = !refit && File.Exists(path)
                ? PromotionModel.Load(ml, path, t, _features)
                : _training.FitModel(ml, t, train, years.FirstBaseYear, years.LastTrainBaseYear, enterprises, _features.Names);
            var evaluation = _training.Evaluate(ml, t, model, train, test, years.TestBaseYear);
            measured.Add((evaluation, model));
            Say($"{t.Id}: precision at k {evaluation.Model.PrecisionAtK:0.000} (rules {evaluation.Rules.PrecisionAtK:0.000}), " +
                $"ROC AUC {evaluation.Model.RocAuc:0.000} (rules {evaluation.Rules.RocAuc:0.000}) → {(evaluation.Ships ? "ships" : "not shipped")}");
        }

        var written = new List<string>();
        Directory.CreateDirectory(modelsDir);
        foreach (var (evaluation, model) in measured)
        {
            var t = evaluation.Transition;
            if (refit)
            {
                // Exactly one of the two files per rung: the model when it ships, else the rules' calibration.
                var path = ModelPath(modelsDir, t);
                var rulesPath = RulesPath(modelsDir, t);
                if (evaluation.Ships) { model.Save(path); written.Add(path); File.Delete(rulesPath); }
                else { evaluation.RulesCalibration.Save(rulesPath); written.Add(rulesPath); File.Delete(path); }
            }
            if (writeCards)
            {
                var card = CardPath(modelsDir, t);
                File.WriteAllText(card, ModelCard.Render(evaluation, model.Manifest, _training.Settings, registry.Database.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL"));
                written.Add(card);
            }
        }
        var evaluations = measured.Select(m => m.Evaluation).ToList();
        return new Run(years, enterprises, evaluations, written);
    }

    public sealed record PredictionRun(int BaseYear, int OutcomeYear, IReadOnlyList<(string Transition, int Count)> Stored, IReadOnlyList<string> RulesOnly);

    /// <summary>Scores every pool of the latest year with the shipped models and stores probabilities and factors; with
    /// <paramref name="only"/>, just those enterprises (after an import changed them), keeping everyone else's.</summary>
    public PredictionRun Predict(string modelsDir, PredictionRepository predictions, IReadOnlyCollection<string>? only = null)
    {
        var baseYear = PredictionBaseYear();
        var ml = _training.NewContext();
        var models = new Dictionary<Transition, PromotionModel>();
        var rulesOnly = new Dictionary<Transition, RulesCalibration>();
        foreach (var t in Transition.All)
        {
            if (File.Exists(ModelPath(modelsDir, t))) models[t] = PromotionModel.Load(ml, ModelPath(modelsDir, t), t, _features);
            else if (File.Exists(RulesPath(modelsDir, t))) rulesOnly[t] = RulesCalibration.Load(RulesPath(modelsDir, t), t);
            else throw new ModelFileException($"{modelsDir}: neither {t.Id}.zip nor {t.Id}.rules.json (run `jxladder ml train`)");
        }
        Say($"scoring base year {baseYear} for {baseYear + 1}: {string.Join(", ", models.Values.Select(m => m.Version).Concat(rulesOnly.Values.Select(r => r.Version)))}");
        var counts = Transition.All.ToDictionary(t => t, _ => 0);
        var pending = Transition.All.ToDictionary(t => t, _ => new List<PromotionExample>());
        var rows = Scored(only is null ? registry.StreamAll() : registry.Stream(only));
        if (only is null) predictions.ReplaceAll(baseYear, rows);
        else predictions.ReplaceFor(baseYear, only, rows);
        return new PredictionRun(baseYear, baseYear + 1, Transition.All.Select(t => (t.Id, counts[t])).ToArray(), rulesOnly.Keys.Select(t => t.Id).ToArray());

        // Snapshots (one engine run each) on every core while the next page is read; the model scores a batch at a time.
        IEnumerable<PredictionRepository.StoredPrediction> Scored(IEnumerable<EnterpriseRecord> records)
        {
            var dataset = new PromotionDataset(engine, _features);
            foreach (var built in RecordPipeline.Map(records, r => dataset.Build([r], baseYear, baseYear)))
                foreach (var (t, examples) in built)
                {
                    pending[t].AddRange(examples);
                    if (pending[t].Count >= 4000)
                        foreach (var row in Flush(t)) yield return row;
                }
            foreach (var t in Transition.All)
                foreach (var row in Flush(t)) yield return row;
        }

        IEnumerable<PredictionRepository.StoredPrediction> Flush(Transition t)
        {
            var batch = pending[t];
            if (batch.Count == 0) return [];
            var scored = models.TryGetValue(t, out var model)
                ? model.Score(batch).Select(s => Row(t, s.Example, s.Probability, model.Version, s.Factors)).ToList()
                : batch.Select(e => Row(t, e, rulesOnly[t].Probability(e.RulesScore), rulesOnly[t].Version, [])).ToList();
            batch.Clear();
            counts[t] += scored.Count;
            return scored;
        }

        PredictionRepository.StoredPrediction Row(Transition t, PromotionExample e, double p, string version, IReadOnlyList<PredictionFactor> factors) =>
            new(e.CreditCode, t.Id, baseYear, Math.Clamp(p, 0, 1), e.TargetGroup, version, System.Text.Json.JsonSerializer.Serialize(factors, FactorJson.Options));
    }

    private void Say(string message) => progress?.Invoke($"[{_clock.Elapsed:mm\\:ss}] {message}");
}
