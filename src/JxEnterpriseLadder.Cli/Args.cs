namespace JxEnterpriseLadder.Cli;

/// <summary>A bad command line: the CLI prints the one-line reason and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Minimal "--name value" / "--flag" parsing with positional arguments; unknown options are errors.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public List<string> Positional { get; } = [];
    public bool Help { get; }

    public Args(IEnumerable<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a is "--help" or "-h") { Help = true; continue; }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var name = eq > 0 ? a[..eq] : a;
                if (flags.Contains(name)) { _options[name] = null; continue; }
                if (!valueOptions.Contains(name)) throw new UsageException($"unknown option {name}");
                if (eq > 0) _options[name] = a[(eq + 1)..];
                else if (i + 1 < list.Count) _options[name] = list[++i];
                else throw new UsageException($"{name} needs a value");
                continue;
            }
            Positional.Add(a);
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);
    public string? Get(string name) => _options.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name) is not { } s) return fallback;
        if (!int.TryParse(s, out var v) || v < min || v > max) throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{s}'");
        return v;
    }

    public DateOnly Date(string name, DateOnly fallback)
    {
        if (Get(name) is not { } s) return fallback;
        return DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : throw new UsageException($"{name} must be a date YYYY-MM-DD, not '{s}'");
    }
}
