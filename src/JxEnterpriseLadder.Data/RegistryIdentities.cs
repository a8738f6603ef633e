using Dapper;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// The registry's identity (table registry_identity, one row; <see cref="RegistryIdentity"/>). A new registry gets a
/// random id; the demo generator names its province by its options, so every copy of the same demo is one registry.
/// </summary>
public static class RegistryIdentities
{
    private static class Sql
    {
        public const string Read = "SELECT id AS Id, description AS Description FROM registry_identity WHERE one = 1";
        public const string InsertIfNone = "INSERT INTO registry_identity (one, id, description, created_at) VALUES (1, @Id, @Description, @At) ON CONFLICT (one) DO NOTHING";
        public const string Replace = "UPDATE registry_identity SET id = @Id, description = @Description, created_at = @At WHERE one = 1";
    }

    /// <summary>The registry's identity, given a random one first if it has none.</summary>
    public static RegistryIdentity Of(Database db)
    {
        using var c = db.Open();
        // Read first: pages ask on every view, and a write each time would contend with the registry's writers.
        if (Read(c) is { } known) return known;
        var id = Guid.NewGuid().ToString("N");
        c.Execute(Sql.InsertIfNone, new { Id = id, Description = $"登记库 {id[..8]}（{DateTime.UtcNow:yyyy-MM-dd} 建立）", At = DateTime.UtcNow.ToString("O") });
        return Read(c)!;
    }

    /// <summary>Names the registry (the demo generator, on the empty registry it fills).</summary>
    public static void Name(Database db, RegistryIdentity identity)
    {
        Of(db);
        using var c = db.Open();
        c.Execute(Sql.Replace, new { identity.Id, identity.Description, At = DateTime.UtcNow.ToString("O") });
    }

    private static RegistryIdentity? Read(System.Data.Common.DbConnection c) =>
        c.QuerySingleOrDefault<(string Id, string Description)>(Sql.Read) is { Id: not null } row ? new RegistryIdentity(row.Id, row.Description) : null;
}
