using System.Text.Json;

namespace JxEnterpriseLadder.Prediction;

/// <summary>One band of distance to the thresholds, with the share of the training years' pool in it that entered.</summary>
public sealed record DistanceBand(double UpTo, int Count, int Entered, double Rate);

/// <summary>
/// The rules alone as a probability: the share of enterprises at the same distance from the thresholds (qualified,
/// within a quarter, a half, one, two, four, further) that entered the next year in the training years, smoothed
/// toward the pool's rate. Used for the rules baseline's Brier score and calibration, and — for a rung whose model
/// does not ship — as the stored prediction, so candidate lists and the dashboard still have a number, plainly labelled.
/// </summary>
public sealed record RulesCalibration(string Transition, IReadOnlyList<DistanceBand> Bands, int TrainedToBaseYear)
{
    private static readonly double[] Edges = [0, 0.25, 0.5, 1, 2, 4, double.PositiveInfinity];
    /// <summary>Pseudo-count pulling a thin band toward the pool's overall rate.</summary>
    private const double Prior = 2;

    public string Version => $"rules:{Transition}/{TrainedToBaseYear + 1}";

    public double Probability(double rulesScore)
    {
        var distance = -rulesScore;
        foreach (var b in Bands) if (distance <= b.UpTo) return b.Rate;
        return Bands[^1].Rate;
    }

    public static RulesCalibration Fit(string transition, IReadOnlyList<double> scores, IReadOnlyList<bool> labels, int trainedToBaseYear)
    {
        var overall = labels.Count == 0 ? 0 : labels.Count(l => l) / (double)labels.Count;
        var bands = Edges.Select(upTo =>
        {
            int count = 0, entered = 0;
            var from = Array.IndexOf(Edges, upTo) is > 0 and var i ? Edges[i - 1] : double.NegativeInfinity;
            for (var j = 0; j < scores.Count; j++)
            {
                var d = -scores[j];
                if (d > from && d <= upTo) { count++; if (labels[j]) entered++; }
            }
            return new DistanceBand(upTo, count, entered, (entered + Prior * overall) / (count + Prior));
        }).ToArray();
        return new RulesCalibration(transition, bands, trainedToBaseYear);
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static RulesCalibration Load(string path, Transition transition)
    {
        RulesCalibration? c;
        try { c = JsonSerializer.Deserialize<RulesCalibration>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new ModelFileException($"{path}: unreadable rules calibration ({e.Message})"); }
        if (c is null || c.Transition != transition.Id || c.Bands is not { Count: > 0 })
            throw new ModelFileException($"{path}: not the rules calibration of '{transition.Id}'");
        return c;
    }
}
