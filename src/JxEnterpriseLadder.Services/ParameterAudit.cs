using System.Text.Json;
using JxEnterpriseLadder.Data;
using JxEnterpriseLadder.Domain.Registry;
using JxEnterpriseLadder.Rules.Engine;

namespace JxEnterpriseLadder.Services;

/// <summary>
/// Parameters change with a deployment (dated files in the repository), never in the app. At start the app compares
/// every parameter set in force with the last version the audit trail holds and appends what is new or changed, so
/// the trail shows when each version of the law's numbers came into use here.
/// </summary>
public static class ParameterAudit
{
    public static readonly AuditStamp Deployment = new("deployment", "参数文件随部署更新 (parameter files deployed)");

    /// <summary>Appends one entry per parameter set that is new or changed since the trail last recorded it; returns them.</summary>
    public static IReadOnlyList<AuditChange> RecordChanges(ParameterStore parameters, AuditRepository audit, TimeProvider clock)
    {
        var changes = new List<AuditChange>();
        foreach (var set in parameters.All.OrderBy(s => s.Version, StringComparer.Ordinal))
        {
            var now = JsonSerializer.Serialize(new { set.Set, set.EffectiveFrom, source = set.Source.ToString(), values = set.Values.ToDictionary(v => v.Key, v => v.Value.Value) },
                RecordDiff.Json);
            var last = audit.Latest(AuditSubjects.Parameter, set.Version);
            if (last?.AfterValue == now) continue;
            changes.Add(new(AuditSubjects.Parameter, null, set.Version, last is null ? "insert" : "update", last?.AfterValue, now));
        }
        if (changes.Count > 0) audit.Append(Deployment, clock.GetUtcNow().ToUnixTimeSeconds(), changes);
        return changes;
    }
}
