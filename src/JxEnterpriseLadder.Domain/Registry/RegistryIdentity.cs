namespace JxEnterpriseLadder.Domain.Registry;

/// <summary>
/// Which registry this is: a promotion model and a rules calibration record the registry they were fitted on, and the
/// app refuses to show probabilities from another's. Kept in the registry (Data's <c>RegistryIdentities</c>).
/// </summary>
public sealed record RegistryIdentity(string Id, string Description);
