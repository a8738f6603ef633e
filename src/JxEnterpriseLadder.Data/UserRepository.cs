using Dapper;

namespace JxEnterpriseLadder.Data;

/// <summary>Accounts for sign-in: all their SQL is in <see cref="Sql"/>, always parameterised.</summary>
public sealed class UserRepository(Database db)
{
    private static class Sql
    {
        public const string Columns = "user_name, display_name, password_hash, role, city_code, park_code, credit_code, failed_attempts, locked_until";
        public const string Select = "SELECT " + Columns + " FROM users WHERE user_name = @UserName";
        public const string Insert = "INSERT INTO users (" + Columns + ") VALUES (@UserName, @DisplayName, @PasswordHash, @Role, @CityCode, @ParkCode, @CreditCode, 0, NULL)";
        public const string RecordFailure = "UPDATE users SET failed_attempts = @Failures, locked_until = @LockUntil WHERE user_name = @UserName";
        public const string RecordSuccess = "UPDATE users SET failed_attempts = 0, locked_until = NULL, password_hash = @PasswordHash WHERE user_name = @UserName";
        public const string Count = "SELECT COUNT(*) FROM users";
        public const string All = "SELECT " + Columns + " FROM users ORDER BY role, user_name";
        public const string Delete = "DELETE FROM users WHERE user_name = @UserName";
    }

    public sealed record UserRow(string UserName, string DisplayName, string PasswordHash, string Role, string? CityCode, string? ParkCode,
        string? CreditCode, int FailedAttempts, long? LockedUntil)
    {
        private UserRow() : this("", "", "", "", null, null, null, 0, null) { }
    }

    public UserRow? Find(string userName)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<UserRow>(Sql.Select, new { UserName = userName });
    }

    public void Add(UserRow user)
    {
        using var c = db.Open();
        c.Execute(Sql.Insert, user);
    }

    /// <summary>Records failed sign-ins in a row, and the lock (Unix seconds) they earned, if any.</summary>
    public void RecordFailure(string userName, int failures, long? lockUntil)
    {
        using var c = db.Open();
        c.Execute(Sql.RecordFailure, new { UserName = userName, Failures = failures, LockUntil = lockUntil });
    }

    /// <summary>Clears the failures; stores the hash again (rehashed when the hasher asked for it).</summary>
    public void RecordSuccess(string userName, string passwordHash)
    {
        using var c = db.Open();
        c.Execute(Sql.RecordSuccess, new { UserName = userName, PasswordHash = passwordHash });
    }

    public int Count()
    {
        using var c = db.Open();
        return c.ExecuteScalar<int>(Sql.Count);
    }

    public IReadOnlyList<UserRow> All()
    {
        using var c = db.Open();
        return c.Query<UserRow>(Sql.All).ToList();
    }

    public int Delete(IEnumerable<string> userNames)
    {
        using var c = db.Open();
        return c.Execute(Sql.Delete, userNames.Select(u => new { UserName = u }));
    }
}
