using System.Globalization;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Prediction;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Cli;

internal static class MlVerb
{
    private const string Help = """
        jxladder ml train    [--models DIR] [--db SPEC]
          Learns who climbs the ladder next year, one model per rung (tech-sme-entry, hnte-entry,
          high-growth-entry): trains on the years up to Y−1, tests on Y (the latest year with outcomes)
          against the rules alone and logistic regression, writes DIR/<rung>.zip for each model that beats
          the rules on precision at k, and DIR/<rung>.md, its model card.
        jxladder ml evaluate [--models DIR] [--cards] [--db SPEC]
          Loads the model files and measures them again from the database: prints the metrics table
          (--cards rewrites the model cards too).
        jxladder ml predict  [--models DIR] [--db SPEC]
          Scores every enterprise in each rung's pool at the end of the latest year and stores the
          probabilities and their top factors in the registry, for candidate lists and the dashboard.

          --models DIR     where the model files and cards are (default: models)
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--db", "--models" }, new HashSet<string> { "--cards" });
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
                Print(workflow.Evaluate(models, a.Has("--cards")));
                return 0;
            case "predict":
            {
                var result = workflow.Predict(models, new PredictionRepository(db));
                foreach (var (t, n) in result.Stored)
                    Console.WriteLine($"{t}: {n} enterprises scored for {result.OutcomeYear}");
                foreach (var t in result.RulesOnly)
                    Console.WriteLine($"{t}: no shipped model: stored the rules alone (distance, calibrated)");
                return 0;
            }
            default:
                throw new UsageException($"unknown ml command '{a.Positional[0]}' (train, evaluate or predict)");
        }
    }

    private static void Print(PromotionWorkflow.Run run)
    {
        Console.WriteLine($"{run.Enterprises} enterprises; train on outcomes up to {run.Years.LatestOutcomeYear - 1}, test on {run.Years.LatestOutcomeYear}");
        Console.WriteLine("| transition | ranking | pool | entered | ROC AUC | PR AUC | P@10% | R@10% | P@50/park | R@50/park | Brier | ships |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var e in run.Evaluations)
            foreach (var (name, m) in new[] { ("model", e.Model), ("logistic", e.Logistic), ("rules", e.Rules) })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {e.Transition.Id} | {name} | {m.Pool} | {m.Positives} | {m.RocAuc:0.000} | {m.PrAuc:0.000} | {m.PrecisionAtK:0.000} | {m.RecallAtK:0.000} | {m.PrecisionAtPark50:0.000} | {m.RecallAtPark50:0.000} | {(m.Brier is { } b ? b.ToString("0.0000", CultureInfo.InvariantCulture) : "—")} | {(name == "model" ? (e.Ships ? "yes" : "no") : "")} |"));
    }
}
