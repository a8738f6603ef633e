namespace JxEnterpriseLadder.Data;

/// <summary>
/// The one clause that restricts a query to a caller's scope (AccessScope.Parameters): every query that reads or writes
/// enterprise data joins enterprises as <c>e</c> and includes it. A null parameter restricts nothing.
/// </summary>
internal static class ScopeSql
{
    public const string Enterprise = "(@ScopeCity IS NULL OR e.city_code = @ScopeCity) AND (@ScopePark IS NULL OR e.park_code = @ScopePark) AND (@ScopeCredit IS NULL OR e.credit_code = @ScopeCredit)";

    /// <summary>The scope over a summary kept per city and park (<c>s</c>; no park is ''): for every scope but an
    /// enterprise's, which reads its own rows.</summary>
    public const string Summary = "(@ScopeCity IS NULL OR s.city_code = @ScopeCity) AND (@ScopePark IS NULL OR s.park_code = @ScopePark)";
}
