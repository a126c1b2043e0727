using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Providers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Providers.Persistence;

internal sealed class OrganizationProviderSettingsConfiguration : IEntityTypeConfiguration<OrganizationProviderSettings>, IDeclareConstraintErrors
{
    /// <summary>The primary key's name (the snake-case convention's): one row per organization.</summary>
    public const string PrimaryKey = "pk_organization_provider_settings";

    /// <summary>
    /// Two first PUTs of an organization's settings race to insert its row: the loser answers like any other lost race
    /// on the settings (409 concurrent_update), not 500.
    /// </summary>
    public IEnumerable<ConstraintError> ConstraintErrors =>
    [
        new(PrimaryKey, exception => ConflictException.ConcurrentUpdate(exception)),
    ];

    public void Configure(EntityTypeBuilder<OrganizationProviderSettings> builder)
    {
        builder.ToTable("organization_provider_settings");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.DefaultAutoRepair).HasMaxLength(8).HasConversion<CamelCaseEnumConverter<AutoRepairMode>>();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
