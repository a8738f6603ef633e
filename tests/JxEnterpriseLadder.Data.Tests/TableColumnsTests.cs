using Dapper;
using JxEnterpriseLadder.Data;

namespace JxEnterpriseLadder.Data.Tests;

/// <summary>The one column list of the enterprises table, each child table (RegistryTables) and the screening's two tables names exactly the columns the migrations create, on both
/// databases: a column added to a table and not to its list, or listed and not created, fails here.</summary>
public sealed class TableColumnsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void EachListNamesExactlyItsTablesColumns(string provider)
    {
        var db = Providers.Fresh(provider);
        using var c = db.Open();
        (string Table, IReadOnlyList<string> Listed)[] lists =
        [
            (RegistryTables.Enterprises.Table, RegistryTables.Enterprises.ColumnNames),
            (ScreeningResultRepository.Positions.Table, ScreeningResultRepository.Positions.ColumnNames),
            (ScreeningResultRepository.TierResultTexts.Table, ScreeningResultRepository.TierResultTexts.ColumnNames),
            (RegistryTables.Filings.Table, RegistryTables.Filings.ColumnNames), (RegistryTables.Ip.Table, RegistryTables.Ip.ColumnNames),
            (RegistryTables.Registrations.Table, RegistryTables.Registrations.ColumnNames), (RegistryTables.Certificates.Table, RegistryTables.Certificates.ColumnNames),
            (RegistryTables.ListEntries.Table, RegistryTables.ListEntries.ColumnNames), (RegistryTables.Financing.Table, RegistryTables.Financing.ColumnNames),
            (RegistryTables.CleanEvents.Table, RegistryTables.CleanEvents.ColumnNames), (RegistryTables.LocationChanges.Table, RegistryTables.LocationChanges.ColumnNames),
        ];
        foreach (var (table, listed) in lists)
        {
            var created = provider == "sqlite"
                ? c.Query<string>($"SELECT name FROM pragma_table_info('{table}')").ToList() // table names come from the code, never input
                : c.Query<string>("SELECT column_name FROM information_schema.columns WHERE table_name = @Table", new { Table = table }).ToList();
            // A surrogate key the database fills is not the record's to write.
            created.Remove("id");
            Assert.True(created.Order(StringComparer.Ordinal).SequenceEqual(listed.Order(StringComparer.Ordinal)),
                $"{table}: created [{string.Join(", ", created.Order())}], listed [{string.Join(", ", listed.Order())}]");
        }
    }
}
