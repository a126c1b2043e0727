using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class ProvisioningIntentConfiguration : IEntityTypeConfiguration<ProvisioningIntent>, IDeclareProtectedSecrets
{
    public const string Table = "provisioning_intents";

    /// <summary>The token is bound to the id the provider would have had (the intent's).</summary>
    public IEnumerable<ProtectedSecretColumn> ProtectedSecrets =>
        [ProtectedSecretColumn.Of<ProvisioningIntent>(nameof(ProvisioningIntent.AuthToken), TwilioSecrets.AuthToken, nameof(ProvisioningIntent.Id))];

    public void Configure(EntityTypeBuilder<ProvisioningIntent> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.AccountSid).HasMaxLength(34).HasConversion<AccountSidConverter>();
        builder.Property(i => i.AuthToken).HasColumnName("auth_token_protected");
        builder.PrimitiveCollection(i => i.TrunkDomainNames).HasColumnName("trunk_domain_names");
        builder.Property(i => i.ResourceFriendlyName).HasMaxLength(64);

        // The connect's commit deletes the intent only while it is pending; reconciliation changes the status (and
        // commits) before deleting anything, so exactly one of them wins.
        builder.Property(i => i.Status)
            .HasMaxLength(16)
            .IsConcurrencyToken()
            .HasConversion<CamelCaseEnumConverter<ProvisioningIntentStatus>>();
        builder.Property(i => i.LastFailure).HasMaxLength(DurableOperation.MaxFailureLength);

        // Operators look for abandoned intents per organization.
        builder.HasIndex(i => new { i.Status, i.OrganizationId });
    }
}
