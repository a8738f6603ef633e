using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Access;
using JxEnterpriseLadder.Domain.Registry;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Officers' edits of an enterprise's own fields. Optimistic concurrency: a save names the version it read, and a save
/// over someone else's change is refused with what they changed, never a silent overwrite. Every save needs a reason,
/// which goes into the audit trail with the fields before and after.
/// </summary>
public sealed class EnterpriseEditing(RegistryRepository registry, TimeProvider clock)
{
    private RecordChangeRepository Changes => new(registry.Database);

    /// <summary>The enterprise as it is now, to edit: officers only, within their scope.</summary>
    public Enterprise Read(AccessScope scope, string creditCode)
    {
        RequireOfficer(scope);
        var e = registry.Get(creditCode)?.Enterprise ?? throw new KeyNotFoundException($"登记库中没有 {creditCode}");
        if (!scope.Allows(e)) throw new OutOfScopeException($"{creditCode} 不在{scope.Description}的范围内");
        return e;
    }

    /// <summary>Saves <paramref name="edited"/> over <paramref name="read"/> (what the officer started from); refuses with
    /// <see cref="ConcurrentChangeException"/> if the enterprise changed since. Returns the enterprise as saved.</summary>
    public Enterprise Save(AccessScope scope, string userName, Enterprise read, Enterprise edited, string? reason)
    {
        Read(scope, read.CreditCode); // the enterprise as it is now must be in scope, not only the caller's copy
        if (!scope.Allows(edited)) throw new OutOfScopeException($"不能把企业移出{scope.Description}的范围");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) throw new ArgumentException("请填写修改原因 (a reason is required)");
        if (reason.Length > 2000) throw new ArgumentException("修改原因不超过 2000 字");
        // HNTE judged items the officer changed are marked as the officer's, with who and when.
        edited = HnteJudgement.Stamp(edited, read, HnteJudgement.Officer, userName, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        // 链, 品 and the chain role the officer changed are confirmed by the officer, today.
        edited = ChainJudgement.Stamp(edited, read, userName, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        return Changes.UpdateEnterprise(read, edited, new AuditStamp(userName, reason), clock.GetUtcNow().ToUnixTimeSeconds());
    }

    private static void RequireOfficer(AccessScope scope)
    {
        if (!scope.IsOfficer) throw new OutOfScopeException("只有科技部门可以修改企业信息 (officers only)");
    }
}
