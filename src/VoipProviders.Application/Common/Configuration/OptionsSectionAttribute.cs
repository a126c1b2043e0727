namespace VoipProviders.Application.Common.Configuration;

/// <summary>
/// Declares a settings class and the configuration section it binds to. The module registers every class so marked:
/// bound to its section, checked with its data annotations (and any <c>IValidateOptions</c> registered for it) when the
/// host starts, so a bad setting stops the process with a message naming it instead of failing on first use.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OptionsSectionAttribute(string sectionName) : Attribute
{
    public string SectionName { get; } = sectionName;
}
