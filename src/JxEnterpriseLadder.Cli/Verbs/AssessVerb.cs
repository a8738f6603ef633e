using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Cli;

internal static class AssessVerb
{
    private const string Help = """
        jxladder assess [--as-of YYYY-MM-DD] [--band-points lower|range] [FILE]
          Reads a JSON profile, a JSON array of profiles, or NDJSON from FILE (or standard input) and writes
          one JSON result per profile (NDJSON) to standard output. A profile that cannot be read is named
          on standard error with its field; the others are still assessed, and the exit code is 2.
        """;

    public static int Run(string[] argv)
    {
        var a = new Args(argv, new HashSet<string> { "--as-of", "--band-points" }, new HashSet<string>());
        if (a.Help) return Common.ShowHelp(Help);
        if (a.Positional.Count > 1) throw new UsageException("at most one FILE");
        var asOf = a.Date("--as-of", DateOnly.FromDateTime(DateTime.Today));
        if (JxEnterpriseLadder.Domain.Registry.InputRanges.AsOfProblem(asOf) is { } badAsOf) throw new UsageException(badAsOf);
        var options = a.Get("--band-points") switch
        {
            null => EvaluationOptions.Default,
            "lower" => new EvaluationOptions { BandPoints = BandPointsMode.Lower },
            "range" => new EvaluationOptions { BandPoints = BandPointsMode.Range },
            var other => throw new UsageException($"--band-points must be lower or range, not '{other}'"),
        };
        if (a.Positional.Count == 1 && !File.Exists(a.Positional[0])) throw new UsageException($"no such file: {a.Positional[0]}");
        // Read as a stream, one profile at a time: a file of any size costs the memory of its largest profile.
        using var input = a.Positional.Count == 1 ? File.OpenRead(a.Positional[0]) : Console.OpenStandardInput();

        var engine = new AssessmentEngine();
        var failed = false;
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        foreach (var item in ProfileJson.Read(input, asOf))
        {
            if (item.Error is { } error)
            {
                Console.Error.WriteLine($"jxladder assess: {error}");
                failed = true;
                continue;
            }
            stdout.WriteLine(ProfileJson.Serialize(engine.Assess(item.Profile!, asOf, options)));
        }
        stdout.Flush();
        return failed ? 2 : 0;
    }
}
