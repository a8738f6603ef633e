using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Domain.Access;

/// <summary>
/// The officers' names and notes are internal: an enterprise sees what changed in its record and what was decided about
/// it, not who did it or why. The one place this rule lives; the page, the trail's workbook and the API read through it.
/// </summary>
public static class InternalNotes
{
    /// <summary>What stands in for a name or note the viewer may not read.</summary>
    public const string Withheld = "—";

    public static bool WithheldFrom(AccessScope viewer) => viewer.Role == Roles.Enterprise;

    /// <summary>The entry as the viewer may read it.</summary>
    public static AuditEntry ForViewer(this AuditEntry entry, AccessScope viewer) =>
        WithheldFrom(viewer) ? entry with { Actor = Withheld, Reason = Withheld } : entry;
}
