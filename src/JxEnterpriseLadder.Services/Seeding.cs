using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain;
using JxEnterpriseLadder.Generator;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>Creates the schema and, on an empty registry, the generated demo province.</summary>
public static class Seeding
{
    public static int SeedProvince(Database db, GeneratorOptions options, AssessmentEngine engine, Action<string>? progress = null)
    {
        Migrator.Migrate(db);
        var registry = new RegistryRepository(db);
        registry.SaveReferenceData(JiangxiReference.Default);
        if (registry.CountEnterprises() > 0)
            throw new InvalidOperationException($"the registry at {db.Description} already holds enterprises: seed only an empty registry");
        var records = new ProvinceGenerator(engine).Generate(options, progress);
        progress?.Invoke($"writing {records.Count} enterprises to {db.Description}");
        registry.Insert(records);
        return records.Count;
    }
}
