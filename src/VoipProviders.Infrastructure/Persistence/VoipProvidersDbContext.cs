using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// The module's database context, in its own PostgreSQL schema. It also holds the ASP.NET Core Data Protection key
/// ring, so every replica that shares the database can decrypt what another encrypted.
/// </summary>
public sealed class VoipProvidersDbContext(DbContextOptions<VoipProvidersDbContext> options)
    : DbContext(options), IVoipProvidersDbContext, IDataProtectionKeyContext
{
    public const string Schema = "voip_providers";
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<TwilioProvider> TwilioProviders => Set<TwilioProvider>();

    public DbSet<ImportedPhoneNumber> ImportedPhoneNumbers => Set<ImportedPhoneNumber>();

    public DbSet<TwilioResourceCleanup> TwilioResourceCleanups => Set<TwilioResourceCleanup>();

    /// <summary>What connects under way (or that died) are building in Twilio; see ProvisioningIntent.</summary>
    internal DbSet<ProvisioningIntent> ProvisioningIntents => Set<ProvisioningIntent>();

    /// <summary>Accounts being connected right now, one request per account and organization at a time.</summary>
    internal DbSet<ConnectClaim> ConnectClaims => Set<ConnectClaim>();

    /// <summary>Idempotency-Key uses of the last day, with the responses they got.</summary>
    internal DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>One row per committed unit of work, for a day: how a commit whose answer was lost is recognised.</summary>
    internal DbSet<CommitMarker> CommitMarkers => Set<CommitMarker>();

    /// <summary>Verification runs going on now, one per provider at most (see ProviderVerificationStore).</summary>
    internal DbSet<VerificationLease> VerificationLeases => Set<VerificationLease>();

    /// <summary>Background jobs recorded by committed commands and not yet handed to the scheduler.</summary>
    public DbSet<OutboxJob> OutboxJobs => Set<OutboxJob>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VoipProvidersDbContext).Assembly);
    }
}
