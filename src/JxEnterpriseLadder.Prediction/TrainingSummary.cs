using System.Text.Json;

namespace JxEnterpriseLadder.Prediction;

/// <summary>One rung's outcome of a training run, as the app's model page shows it.</summary>
public sealed record RungSummary(
    string Transition, bool Ships, string? Learner, string? Calibration, string? NotLearnt, int TestYear, int Entered,
    double? ModelPrecisionAtK, double? ModelPrecisionAtPark50, double? ModelExpected,
    double RulesPrecisionAtK, double RulesPrecisionAtPark50, double? RulesExpected);

/// <summary>What a training run found (training.json beside the model files), so the app can show it without refitting.</summary>
public sealed record TrainingSummary(DateOnly TrainedOn, string RegistryId, string RegistryDescription, int Enterprises, IReadOnlyList<RungSummary> Rungs)
{
    public const string FileName = "training.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static TrainingSummary Of(TrainingRun run, TrainingSettings settings, Domain.Registry.RegistryIdentity registry) =>
        new(settings.TrainedOn, registry.Id, registry.Description, run.Enterprises, run.Evaluations.Select(e => new RungSummary(
            e.Transition.Id, e.Ships, e.Chosen?.ToString(), e.Calibration, e.NotLearnt, e.TestYear, e.Rules.Positives,
            e.Model?.PrecisionAtK, e.Model?.PrecisionAtPark50, e.Model?.Expected,
            e.Rules.PrecisionAtK, e.Rules.PrecisionAtPark50, e.Rules.Expected)).ToArray());

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The summary in the folder, or null when there is none or it cannot be read.</summary>
    public static TrainingSummary? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<TrainingSummary>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }
}
