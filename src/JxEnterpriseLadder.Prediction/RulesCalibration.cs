using JxEnterpriseLadder.Domain.Registry;
using System.Text.Json;

namespace JxEnterpriseLadder.Prediction;

/// <summary>
/// The rules baseline as a probability: the <see cref="RulesRanking"/> key calibrated on a year whose outcomes are known
/// (<see cref="ProbabilityCalibration"/>, isotonic or Platt by validation). Used for the baseline's Brier score and expected
/// entries, and — for a rung whose model does not ship, or whose model was trained on another registry — as the
/// stored forecast, plainly labelled. It records the registry it was fitted on.
/// </summary>
public sealed record RulesCalibration(string Transition, ProbabilityCalibration Calibration, int FittedOnBaseYear, string RegistryId, string RegistryDescription)
{
    public string Version => $"rules:{Transition}/{FittedOnBaseYear + 1}";

    public double Probability(double rulesKey) => Calibration.Probability(rulesKey);

    public static RulesCalibration Fit(string transition, IReadOnlyList<double> keys, IReadOnlyList<bool> labels, int baseYear, RegistryIdentity registry) =>
        new(transition, ProbabilityCalibration.Choose(keys, labels), baseYear, registry.Id, registry.Description);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static RulesCalibration Load(string path, Transition transition)
    {
        RulesCalibration? c;
        try { c = JsonSerializer.Deserialize<RulesCalibration>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new ModelFileException($"{path}: unreadable rules calibration ({e.Message})"); }
        if (c is null || c.Transition != transition.Id || c.Calibration is null || c.RegistryId is null)
            throw new ModelFileException($"{path}: not the rules calibration of '{transition.Id}' (retrain with `jxladder ml train`)");
        return c;
    }
}
