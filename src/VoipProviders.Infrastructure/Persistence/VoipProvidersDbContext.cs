using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Domain.Common;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// The module's database context, in its own PostgreSQL schema. Features bring their entities through their entity
/// configurations (every <see cref="IEntityTypeConfiguration{TEntity}"/> of this assembly) and reach them with
/// <see cref="DbContext.Set{TEntity}()"/>; the context itself names only what the building blocks keep: the outbox, the
/// commit markers, the Idempotency-Key records and the ASP.NET Core Data Protection key ring (so every replica that
/// shares the database can decrypt what another encrypted).
/// </summary>
public sealed class VoipProvidersDbContext(DbContextOptions<VoipProvidersDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "voip_providers";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>Idempotency-Key uses of the last day, with the responses they got.</summary>
    internal DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>One row per committed unit of work, for a day: how a commit whose answer was lost is recognised.</summary>
    internal DbSet<CommitMarker> CommitMarkers => Set<CommitMarker>();

    /// <summary>Background jobs recorded by committed commands and not yet handed to the scheduler.</summary>
    public DbSet<OutboxJob> OutboxJobs => Set<OutboxJob>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // The shared kernel's values, stored as what they wrap wherever an entity holds one.
        configurationBuilder.Properties<OrganizationId>()
            .HaveConversion<OrganizationIdConverter>()
            .HaveMaxLength(OrganizationId.MaxLength);
        configurationBuilder.Properties<ProviderId>().HaveConversion<ProviderIdConverter>();
        configurationBuilder.Properties<ProtectedSecret>().HaveConversion<ProtectedSecretConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VoipProvidersDbContext).Assembly);
    }
}
