using System.Text.Json;

namespace JxEnterpriseLadder.Generator;

/// <summary>The generator's knobs (calibration.json), tuned against criteria.md §4.</summary>
public sealed record Calibration
{
    public Dictionary<string, double> CityWeights { get; init; } = [];
    public Dictionary<string, double> ChainWeights { get; init; } = [];
    public Dictionary<string, double> IndustryRdIntensity { get; init; } = [];
    public double ParkShare { get; init; }
    public double FoundingGrowthPerYear { get; init; }
    public double RdIntensityDriftPerYear { get; init; }
    public Dictionary<string, double> TechSmeApplyRate { get; init; } = [];
    public double HnteApplyRate { get; init; }
    public double HighGrowthListRate { get; init; }
    public double VentureRoundRate { get; init; }
    public double CleanEventRate { get; init; }
    public int RdPolicyFromYear { get; init; }
    public double RdPolicyBoost { get; init; } = 1.0;
    public int IpPolicyFromYear { get; init; }
    public double IpPolicyBoost { get; init; } = 1.0;
    public double TechStaffDriftPerYear { get; init; } = 1.0;
    public TakeUpKnobs TakeUp { get; init; } = new();
    public QualityTitleKnobs QualityTitles { get; init; } = new();

    public static Calibration Default { get; } = Load();

    /// <summary>The knobs' file, hashed: part of the demo registry's identity, so new knobs make a new demo province.</summary>
    public static string Fingerprint { get; } = Hash();

    private static string Hash()
    {
        using var s = typeof(Calibration).Assembly.GetManifestResourceStream("calibration.json")!;
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s))[..16];
    }

    private static Calibration Load()
    {
        using var s = typeof(Calibration).Assembly.GetManifestResourceStream("calibration.json")!;
        return JsonSerializer.Deserialize<Calibration>(s, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })!;
    }
}

/// <summary>Multipliers of the apply rates by what the firm shows (ProvinceGenerator's take-up).</summary>
public sealed record TakeUpKnobs
{
    public double TechSmeRenewing { get; init; } = 1;
    public double TechSmeRdRising { get; init; } = 1;
    public double TechSmeOtherwise { get; init; } = 1;
    public double HnteRenewal { get; init; } = 1;
    public double HntePrepared { get; init; } = 1;
    public double HnteOtherwise { get; init; } = 1;
    /// <summary>Share of park-years in which a campaign starts (each runs two years).</summary>
    public double CampaignShare { get; init; }
    public double CampaignBoost { get; init; }
    public double Ceiling { get; init; } = 0.99;
}

/// <summary>The second ladder's recognitions (generator revision 4): each batch's chance per candidate by year, before
/// the firm's own weight, and the share of titles that pass their review at expiry.</summary>
public sealed record QualityTitleKnobs
{
    public Dictionary<string, double> InnovativeRate { get; init; } = [];
    public Dictionary<string, double> SpecialisedRate { get; init; } = [];
    public Dictionary<string, double> LittleGiantRate { get; init; } = [];
    public double DemoRate { get; init; }
    public double ReviewPass { get; init; }
    public int ValidityYears { get; init; } = 3;
}

/// <summary>
/// Seeds for the random streams. HashCode.Combine is randomised per process, so the generator mixes its own
/// (SplitMix64 finaliser): the same seed gives the same province in every process, on every machine.
/// </summary>
public static class StreamSeed
{
    public static int Of(params long[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (var part in parts)
        {
            h ^= unchecked((ulong)part) + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
            h = Mix(h);
        }
        return unchecked((int)(h ^ (h >> 32)));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Deterministic random draws for one enterprise (its own stream, so one firm's draws never shift another's).</summary>
internal sealed class Draw(int seed)
{
    private readonly Random _r = new(seed);
    public double U() => _r.NextDouble();
    public double U(double a, double b) => a + (b - a) * _r.NextDouble();
    public int Int(int a, int bExclusive) => _r.Next(a, bExclusive);
    public bool Chance(double p) => _r.NextDouble() < p;

    public double Normal(double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - _r.NextDouble();
        var u2 = _r.NextDouble();
        return mean + sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(Normal(0, sigma));

    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(Normal(lambda, Math.Sqrt(lambda))));
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do { k++; p *= _r.NextDouble(); } while (p > l);
        return k - 1;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    public string Weighted(IReadOnlyDictionary<string, double> weights)
    {
        var total = weights.Values.Sum();
        var x = _r.NextDouble() * total;
        foreach (var (k, w) in weights) { x -= w; if (x < 0) return k; }
        return weights.Keys.Last();
    }
}
