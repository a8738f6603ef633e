using JxEnterpriseLadder.Data;

namespace JxEnterpriseLadder.Web;

/// <summary>
/// Where uploads and problem reports wait (under the system's temp folder, one folder per registry, so two apps on one
/// machine keep apart). Emptied at start: a crash or a kill leaves nothing behind for longer than until the next start.
/// </summary>
public sealed class WorkFolder
{
    public WorkFolder(Database db, ILogger<WorkFolder> log)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(db.Description)))[..12];
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jxladder-work", key);
        if (Directory.Exists(Path))
        {
            var left = Directory.GetFiles(Path);
            foreach (var f in left) File.Delete(f);
            if (left.Length > 0) log.LogInformation("Removed {N} uploads or reports left by an earlier run", left.Length);
        }
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A new empty file of this folder.</summary>
    public string NewFile(string extension) => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + extension);
}
