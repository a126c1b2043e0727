namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>
/// The stable name a background job is stored under. Jobs already queued must still run after the CLR type is
/// renamed or moved, so the name, not the type name, is what the store keeps.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BackgroundJobAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
