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
        // One statement claims an attempt: counts it before the password is checked and locks at the limit, so that
        // concurrent attempts are numbered by the database and no more than the limit are ever checked. A lock that
        // has run out starts the count again; a locked account claims nothing.
        private const string Claimed = "CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_attempts + 1 END";
        public const string ClaimAttempt =
            "UPDATE users SET failed_attempts = " + Claimed + ", locked_until = CASE WHEN " + Claimed + " >= @MaxFailures THEN @LockUntil ELSE NULL END " +
            "WHERE user_name = @UserName AND (locked_until IS NULL OR locked_until <= @Now) RETURNING " + Columns;
        // Clears the count only if no other attempt was claimed since this one.
        public const string RecordSuccess =
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, password_hash = @PasswordHash WHERE user_name = @UserName AND failed_attempts = @Claimed";
        public const string Count = "SELECT COUNT(*) FROM users";
        public const string All = "SELECT " + Columns + " FROM users ORDER BY role, user_name";
        public const string Delete = "DELETE FROM users WHERE user_name = @UserName";

        public const string SessionColumns = "session_id, user_name, ticket, expires_at";
        public const string AddSession = "INSERT INTO sessions (" + SessionColumns + ") VALUES (@SessionId, @UserName, @Ticket, @ExpiresAt)";
        public const string FindSession = "SELECT ticket FROM sessions WHERE session_id = @SessionId AND (expires_at IS NULL OR expires_at > @Now)";
        public const string SessionExists = "SELECT COUNT(*) FROM sessions WHERE session_id = @SessionId AND user_name = @UserName AND (expires_at IS NULL OR expires_at > @Now)";
        public const string RenewSession = "UPDATE sessions SET ticket = @Ticket, expires_at = @ExpiresAt WHERE session_id = @SessionId";
        public const string RemoveSession = "DELETE FROM sessions WHERE session_id = @SessionId";
        public const string RemoveSessionsOf = "DELETE FROM sessions WHERE user_name = @UserName";
        public const string RemoveExpiredSessions = "DELETE FROM sessions WHERE expires_at <= @Now";
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

    /// <summary>
    /// Claims one sign-in attempt, counted before the password is checked: the account as it stands after the claim
    /// (its count includes this attempt; locked at the limit), or null when the account is unknown or locked. Times are
    /// Unix seconds.
    /// </summary>
    public UserRow? ClaimAttempt(string userName, long now, int maxFailures, long lockUntil)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<UserRow>(Sql.ClaimAttempt, new { UserName = userName, Now = now, MaxFailures = maxFailures, LockUntil = lockUntil });
    }

    /// <summary>Clears the failures of a sign-in whose password was right, unless another attempt was claimed since
    /// (<paramref name="claimed"/> is this attempt's count); stores the hash again (rehashed when the hasher asked).</summary>
    public bool RecordSuccess(string userName, int claimed, string passwordHash)
    {
        using var c = db.Open();
        return c.Execute(Sql.RecordSuccess, new { UserName = userName, Claimed = claimed, PasswordHash = passwordHash }) == 1;
    }

    public void AddSession(string sessionId, string userName, byte[] ticket, long? expiresAt)
    {
        using var c = db.Open();
        c.Execute(Sql.AddSession, new { SessionId = sessionId, UserName = userName, Ticket = ticket, ExpiresAt = expiresAt });
    }

    /// <summary>The stored ticket of a session that has not ended or expired; null otherwise.</summary>
    public byte[]? FindSession(string sessionId, long now)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<byte[]>(Sql.FindSession, new { SessionId = sessionId, Now = now });
    }

    public bool SessionStands(string sessionId, string userName, long now)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(Sql.SessionExists, new { SessionId = sessionId, UserName = userName, Now = now }) == 1;
    }

    public void RenewSession(string sessionId, byte[] ticket, long? expiresAt)
    {
        using var c = db.Open();
        c.Execute(Sql.RenewSession, new { SessionId = sessionId, Ticket = ticket, ExpiresAt = expiresAt });
    }

    public void RemoveSession(string sessionId)
    {
        using var c = db.Open();
        c.Execute(Sql.RemoveSession, new { SessionId = sessionId });
    }

    /// <summary>Ends every session of an account (a lock, a changed password or scope).</summary>
    public int RemoveSessionsOf(string userName)
    {
        using var c = db.Open();
        return c.Execute(Sql.RemoveSessionsOf, new { UserName = userName });
    }

    public int RemoveExpiredSessions(long now)
    {
        using var c = db.Open();
        return c.Execute(Sql.RemoveExpiredSessions, new { Now = now });
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
