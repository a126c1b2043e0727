using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class AuthTokenRotationConfiguration : IEntityTypeConfiguration<AuthTokenRotation>, IDeclareConstraintErrors, IDeclareProtectedSecrets
{
    public const string Table = "auth_token_rotations";
    public const string OneRunningPerProviderIndex = "ux_auth_token_rotations_provider_id_running";
    public const string ProviderListIndex = "ix_auth_token_rotations_provider_id_id";
    public const string CleanupPendingIndex = "ix_auth_token_rotations_provider_id_cleanup_pending";

    /// <summary>The secondary token, bound to its provider's id like the provider's own.</summary>
    public IEnumerable<ProtectedSecretColumn> ProtectedSecrets =>
        [ProtectedSecretColumn.Of<AuthTokenRotation>(nameof(AuthTokenRotation.SecondaryAuthToken), TwilioSecrets.AuthToken, nameof(AuthTokenRotation.ProviderId))];

    /// <summary>Two starts racing past the provider's check meet at the index: the loser gets 409 rotation_in_progress.</summary>
    public IEnumerable<ConstraintError> ConstraintErrors =>
    [
        new(OneRunningPerProviderIndex, exception => new Application.Common.Exceptions.ConflictException(
            AuthTokenRotationRules.RotationInProgressCode,
            "A managed Auth Token rotation is running for this provider already. Nothing was changed.",
            exception)),
    ];

    public void Configure(EntityTypeBuilder<AuthTokenRotation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasMaxLength(16).HasConversion<CamelCaseEnumConverter<AuthTokenRotationStatus>>();
        builder.Property(r => r.Step).HasMaxLength(24).HasConversion<CamelCaseEnumConverter<AuthTokenRotationStep>>();
        builder.Property(r => r.Trigger).HasMaxLength(16).HasConversion<CamelCaseEnumConverter<AuthTokenRotationTrigger>>();
        builder.Property(r => r.FailureCode).HasMaxLength(64);
        builder.Property(r => r.FailureMessage).HasMaxLength(AuthTokenRotation.MaxFailureMessageLength);
        builder.Property(r => r.SecondaryAuthToken).HasColumnName("secondary_auth_token_protected");
        builder.Ignore(r => r.IsRunning);
        builder.Ignore(r => r.CanBeCancelled);

        // Each step and a cancellation write the row under the version they read: one of two racing writers loses.
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasIndex(r => r.ProviderId, OneRunningPerProviderIndex)
            .IsUnique()
            .HasFilter("status = 'running'")
            .HasDatabaseName(OneRunningPerProviderIndex);
        // A provider's rotations, newest first (the ids are UUIDv7: time-ordered).
        builder.HasIndex(r => new { r.ProviderId, r.Id }, ProviderListIndex).IsDescending(false, true).HasDatabaseName(ProviderListIndex);
        builder.HasIndex(r => r.ProviderId, CleanupPendingIndex).HasFilter("cleanup_pending").HasDatabaseName(CleanupPendingIndex);

        // A provider is not deleted while a rotation runs; its history goes with it (the audit trail keeps the record).
        builder.HasOne<TwilioProvider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}
