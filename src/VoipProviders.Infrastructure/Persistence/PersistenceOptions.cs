using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>Settings under <c>Database</c>.</summary>
[OptionsSection(SectionName)]
public sealed class PersistenceOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "VoipProviders";

    /// <summary>Apply pending EF Core migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; set; }
}
