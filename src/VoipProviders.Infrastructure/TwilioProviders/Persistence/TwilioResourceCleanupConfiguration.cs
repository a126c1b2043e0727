using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class TwilioResourceCleanupConfiguration : IEntityTypeConfiguration<TwilioResourceCleanup>, IDeclareProtectedSecrets
{
    /// <summary>The deleted provider's token, still bound to that provider's id.</summary>
    public IEnumerable<ProtectedSecretColumn> ProtectedSecrets =>
        [ProtectedSecretColumn.Of<TwilioResourceCleanup>(nameof(TwilioResourceCleanup.AuthToken), TwilioSecrets.AuthToken, nameof(TwilioResourceCleanup.ProviderId))];

    public void Configure(EntityTypeBuilder<TwilioResourceCleanup> builder)
    {
        builder.ToTable("twilio_resource_cleanups");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.AccountSid).HasMaxLength(34).HasConversion<AccountSidConverter>();
        builder.Property(c => c.AuthToken).HasColumnName("auth_token_protected");
        builder.Property(c => c.TrunkSid).HasMaxLength(34);
        builder.Property(c => c.CredentialListSid).HasMaxLength(34);
        builder.PrimitiveCollection(c => c.PhoneNumberSids).HasColumnName("phone_number_sids");
        builder.Property(c => c.Status).HasMaxLength(16).HasConversion<CamelCaseEnumConverter<ResourceCleanupStatus>>();
        builder.Property(c => c.LastFailure).HasMaxLength(DurableOperation.MaxFailureLength);

        // Operators look for abandoned clean-ups per organization.
        builder.HasIndex(c => new { c.Status, c.OrganizationId });
    }
}
