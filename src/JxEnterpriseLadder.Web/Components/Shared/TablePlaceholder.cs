using System.Runtime.CompilerServices;

namespace JxEnterpriseLadder.Web.Components.Shared;

/// <summary>
/// BootstrapBlazor's Table makes one instance of its row type for its query form's model. Our rows are read-only records
/// from the registry with no public empty constructor and the form binds its own fields, so an uninitialised instance
/// serves; no page ever shows it.
/// </summary>
public static class TablePlaceholder<T> where T : class
{
    public static readonly T Instance = (T)RuntimeHelpers.GetUninitializedObject(typeof(T));

    public static T Create() => Instance;
}
