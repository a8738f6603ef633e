using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;
using JxEnterpriseLadder.Rules;

namespace JxEnterpriseLadder.Services;

/// <summary>Creates the schema and, on an empty registry, the generated demo province.</summary>
public static class Seeding
{
    public static int SeedProvince(Database db, GeneratorOptions options, AssessmentEngine engine, Action<string>? progress = null, Action<int, int>? generated = null)
    {
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(JiangxiReference.Default);
        if (registry.CountEnterprises() > 0)
            throw new InvalidOperationException($"the registry at {db.Description} already holds enterprises: seed only an empty registry");
        var records = new ProvinceGenerator(engine).Generate(options, progress, generated);
        progress?.Invoke($"writing {records.Count} enterprises to {db.Description}");
        registry.Insert(records);
        RegistryIdentities.Name(db, DemoIdentity(options));
        return records.Count;
    }

    /// <summary>The demo province's registry identity: the same options, generator revision and knobs give the same province, wherever generated, so
    /// the models shipped for it are accepted by every copy of it and by no other registry.</summary>
    public static RegistryIdentity DemoIdentity(GeneratorOptions options)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{options}|revision {GeneratorOptions.Revision}|knobs {Calibration.Default.GetType().Name} {Calibration.Fingerprint}"));
        return new RegistryIdentity("demo-" + Convert.ToHexStringLower(hash)[..16],
            $"演示省份（种子 {options.Seed}，{options.Enterprises:N0} 家企业，{options.FromYear}–{options.ToYear} 年）");
    }

    /// <summary>The evaluation dates of the calibration table (mid-year of each year the first ladder's counts were
    /// published: the second ladder's are compared on titles only) and today.</summary>
    public static IReadOnlyList<DateOnly> CalibrationDates(DateOnly today) =>
        ProvinceStatistics.Published.Where(p => TierIds.TechLadder.Contains(p.Measure)).Select(p => new DateOnly(p.Year, 6, 30))
            .Append(today).Distinct().Order().ToArray();

    /// <summary>Screens the registry at the calibration dates so the counts are there as soon as the province is.</summary>
    public static void ScreenCalibrationDates(RegistryRepository registry, AssessmentEngine engine, DateOnly today, Action<string>? progress = null,
        Action<int, int>? screened = null)
    {
        var screening = new Screening(registry, engine);
        var dates = CalibrationDates(today);
        for (var i = 0; i < dates.Count; i++)
        {
            var summary = screening.Run(dates[i]);
            progress?.Invoke($"screened {summary.Enterprises} enterprises at {dates[i]:yyyy-MM-dd}");
            screened?.Invoke(i + 1, dates.Count);
        }
    }
}
