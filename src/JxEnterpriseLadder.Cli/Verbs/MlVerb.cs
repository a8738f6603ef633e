using JxEnterpriseLadder.Services;
using System.Globalization;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class MlVerb
{
    private const string Help = """
        jxladder ml train    [--models DIR] [--db SPEC]
          Learns who climbs the ladder next year, one model per rung (tech-sme-entry, hnte-entry,
          high-growth-entry): fits FastTree, LightGBM and logistic regression on the years up to Y−2,
          chooses one and calibrates it on Y−1, tests it on Y (the latest year with outcomes) against the
          rules baseline; writes DIR/<rung>.rules.json (the rules calibrated), DIR/<rung>.zip when the model
          beats the rules on both precision cuts, and DIR/<rung>.md, its dated model card. The only verb that fits.
        jxladder ml evaluate [--models DIR] [--db SPEC]
          Measures the files as they are, on this database's latest year with outcomes: the model where there
          is one and the rules calibration, with expected against actual entries. Fits nothing, writes nothing.
        jxladder ml predict  [--models DIR] [--db SPEC]
          Scores every enterprise in each rung's pool at the end of the latest year and stores the
          probabilities and their top factors in the registry, for candidate lists and the dashboard.
          A model trained on another registry is not used: that rung gets the rules, calibrated here.

          --models DIR     where the model files and cards are (default: models)
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--models" }, new HashSet<string>());
        if (a.Help || a.Positional.Count == 0) return a.Help ? Common.ShowHelp(Help + "\n" + Common.DbHelp) : throw new UsageException("say train, evaluate or predict (jxladder ml --help)");
        if (a.Positional.Count > 1) throw new UsageException($"unexpected argument '{a.Positional[1]}'");
        var db = Common.Db(a);
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        var models = a.Get("--models") ?? "models";
        var workflow = new PromotionWorkflow(registry, new AssessmentEngine(), new TrainingSettings(), m => Console.Error.WriteLine(m));
        switch (a.Positional[0])
        {
            case "train":
            {
                var run = workflow.Train(models);
                Print(run);
                foreach (var f in run.Written) Console.WriteLine($"wrote {f}");
                return 0;
            }
            case "evaluate":
                Print(workflow.Evaluate(models));
                return 0;
            case "predict":
            {
                var result = workflow.Predict(models, new PredictionRepository(db));
                foreach (var (t, n) in result.Stored)
                    Console.WriteLine($"{t}: {n} enterprises scored for {result.OutcomeYear}");
                foreach (var s in result.Sources.Where(s => s.Source != ForecastSource.Model && result.Versions.ContainsKey(s.Transition.Id)))
                    Console.WriteLine(s.Source == ForecastSource.RulesModelFromAnotherRegistry
                        ? $"{s.Transition.Id}: the model was trained on another registry ({s.RefusedRegistry}): stored the rules baseline, calibrated on this registry"
                        : $"{s.Transition.Id}: no shipped model: stored the rules baseline, calibrated");
                foreach (var (t, reason) in result.Unscored)
                    Console.WriteLine($"{t}: {reason}");
                return 0;
            }
            default:
                throw new UsageException($"unknown ml command '{a.Positional[0]}' (train, evaluate or predict)");
        }
    }

    private const string TableHead = "| rung | ranking | pool | entered | expected | expected ÷ actual | ROC AUC | PR AUC | P@10% | R@10% | P@50/park | R@50/park | Brier |";

    private static void Print(TrainingRun run)
    {
        Console.WriteLine($"{run.Enterprises} enterprises; fit on outcomes up to {run.Years.ValidationBaseYear}, choose and calibrate on {run.Years.ValidationBaseYear + 1}, test on {run.Years.LatestOutcomeYear}");
        Console.WriteLine("| rung | learner | P@10% (validation) | P@50/park (validation) | chosen |");
        Console.WriteLine("|---|---|---:|---:|---|");
        foreach (var e in run.Evaluations)
            foreach (var c in e.Candidates)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {e.Transition.Id} | {c.Learner} | {c.Validation.PrecisionAtK:0.000} | {c.Validation.PrecisionAtPark50:0.000} | {(c.Learner == e.Chosen ? $"yes ({e.Calibration})" : "")} |"));
        Console.WriteLine();
        Console.WriteLine(TableHead + " ships |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var e in run.Evaluations)
        {
            if (e.Model is { } m) Console.WriteLine(Line(e.Transition.Id, "model", m) + (e.Ships ? " yes |" : " no |"));
            Console.WriteLine(Line(e.Transition.Id, "rules", e.Rules) + " |");
        }
    }

    private static void Print(IReadOnlyList<PromotionWorkflow.FileEvaluation> files)
    {
        Console.WriteLine($"the files as they ship, on the test year {files[0].TestYear}");
        Console.WriteLine(TableHead + " trained on |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var f in files)
        {
            if (f.ModelFigures is { } m) Console.WriteLine(Line(f.Transition.Id, $"model ({f.Model!.Learner})", m) + $" {f.Model.RegistryDescription} |");
            Console.WriteLine(Line(f.Transition.Id, "rules", f.RulesFigures) + $" {f.Rules.RegistryDescription} |");
        }
    }

    private static string Line(string rung, string ranking, RankingMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"| {rung} | {ranking} | {m.Pool} | {m.Positives} | {m.Expected:0} | {m.ExpectedOverActual:0.000} | {m.RocAuc:0.000} | {m.PrAuc:0.000} | {m.PrecisionAtK:0.000} | {m.RecallAtK:0.000} | {m.PrecisionAtPark50:0.000} | {m.RecallAtPark50:0.000} | {(m.Brier is { } b ? b.ToString("0.0000", CultureInfo.InvariantCulture) : "—")} |");
}
