using Dapper;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Data;

/// <summary>
/// Policy drafts (table parameter_drafts, migration 0013): proposed values for one parameter set, never in force. Saving
/// and removing write the audit trail in the same transaction. All its SQL is in <see cref="Sql"/>.
/// </summary>
public sealed class DraftRepository(Database db)
{
    private static class Sql
    {
        public const string Columns = "name, set_name, based_on, changes, note, created_by, created_at, updated_by, updated_at";
        public const string All = "SELECT " + Columns + " FROM parameter_drafts ORDER BY updated_at DESC, name";
        public const string Find = "SELECT " + Columns + " FROM parameter_drafts WHERE name = @Name";
        public const string Insert = "INSERT INTO parameter_drafts (" + Columns + ") VALUES (@Name, @SetName, @BasedOn, @Changes, @Note, @CreatedBy, @CreatedAt, @UpdatedBy, @UpdatedAt)";
        public const string Update = "UPDATE parameter_drafts SET set_name = @SetName, based_on = @BasedOn, changes = @Changes, note = @Note, updated_by = @UpdatedBy, updated_at = @UpdatedAt WHERE name = @Name";
        public const string Delete = "DELETE FROM parameter_drafts WHERE name = @Name";
    }

    /// <summary>A stored draft: <see cref="Changes"/> is a JSON object of the values it changes over <see cref="BasedOn"/>.</summary>
    public sealed record DraftRow(string Name, string SetName, string BasedOn, string Changes, string? Note,
        string CreatedBy, long CreatedAt, string UpdatedBy, long UpdatedAt)
    {
        private DraftRow() : this("", "", "", "{}", null, "", 0, "", 0) { }
    }

    public IReadOnlyList<DraftRow> All()
    {
        using var c = db.Open();
        return c.Query<DraftRow>(Sql.All).ToList();
    }

    public DraftRow? Find(string name)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<DraftRow>(Sql.Find, new { Name = name });
    }

    /// <summary>Stores a draft (new, or replacing the one of the same name) with its trail entry. A draft renamed while it
    /// was edited (<paramref name="renamedFrom"/>) leaves its old name in the same transaction.</summary>
    public void Save(DraftRow draft, AuditStamp stamp, long at, string? renamedFrom = null)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var before = c.QuerySingleOrDefault<DraftRow>(Sql.Find, new { draft.Name }, tx);
        if (before is null) c.Execute(Sql.Insert, draft, tx);
        else c.Execute(Sql.Update, draft, tx);
        List<AuditChange> trail = [new(AuditSubjects.ParameterDraft, null, draft.Name, before is null ? "insert" : "update", before?.Changes, draft.Changes)];
        if (renamedFrom is not null && renamedFrom != draft.Name && c.QuerySingleOrDefault<DraftRow>(Sql.Find, new { Name = renamedFrom }, tx) is { } old)
        {
            c.Execute(Sql.Delete, new { Name = renamedFrom }, tx);
            trail.Add(new(AuditSubjects.ParameterDraft, null, renamedFrom, "delete", old.Changes, null));
        }
        AuditRepository.Append(c, tx, stamp, at, trail);
        tx.Commit();
    }

    /// <summary>Removes a draft with its trail entry; false when there was none of the name.</summary>
    public bool Remove(string name, AuditStamp stamp, long at)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var before = c.QuerySingleOrDefault<DraftRow>(Sql.Find, new { Name = name }, tx);
        if (before is null) return false;
        c.Execute(Sql.Delete, new { Name = name }, tx);
        AuditRepository.Append(c, tx, stamp, at, [new(AuditSubjects.ParameterDraft, null, name, "delete", before.Changes, null)]);
        tx.Commit();
        return true;
    }
}
