using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class TwilioProviderConfiguration : IEntityTypeConfiguration<TwilioProvider>, IDeclareConstraintErrors, IDeclareProtectedSecrets
{
    public const string UniqueAccountPerOrganizationIndex = "ux_twilio_providers_organization_id_account_sid";
    public const string ListOrderIndex = "ix_twilio_providers_organization_id_created_at_id";
    public const string DueVerificationIndex = "ix_twilio_providers_next_verification_at";
    public const string UniqueRoutingKeyIndex = "ux_twilio_providers_inbound_routing_key";
    public const string AccountSidIndex = "ix_twilio_providers_account_sid";
    public const string DueAuthTokenRotationIndex = "ix_twilio_providers_next_auth_token_rotation_at";

    /// <summary>The origination rollout's lease on the provider: a column of the row the domain does not see.</summary>
    public const string OriginationLeaseProperty = "OriginationLeaseUntil";

    /// <summary>Who holds the origination lease: a fresh id per attempt (see <c>IOriginationRollouts.TryLeaseAsync</c>).</summary>
    public const string OriginationLeaseIdProperty = "OriginationLeaseId";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The imported numbers' reference to their provider, which keeps a provider with numbers it did not read from being deleted.</summary>
    public const string ImportedNumbersForeignKey = "fk_imported_phone_numbers_twilio_providers_provider_id";

    /// <summary>
    /// Two requests connecting the same account in one organization race for the unique index: the loser gets 409. A
    /// delete and an import of the same provider race for the imported numbers' foreign key: an import that commits
    /// after the delete finds no provider (404); a delete that commits after an import it did not see fails (409) instead
    /// of taking numbers with it that its clean-up would not detach and nobody would hear about.
    /// </summary>
    public IEnumerable<ConstraintError> ConstraintErrors =>
    [
        new(UniqueAccountPerOrganizationIndex, exception => TwilioProviderConflicts.AccountAlreadyConnected(exception)),
        new(ImportedNumbersForeignKey, exception =>
            exception is DbUpdateException update
                && update.Entries.FirstOrDefault(e => e is { State: EntityState.Added, Entity: ImportedPhoneNumber }) is { Entity: ImportedPhoneNumber number }
                ? new NotFoundException("Twilio provider", number.ProviderId.Value)
                : ConflictException.ConcurrentUpdate(exception)),
    ];

    public IEnumerable<ProtectedSecretColumn> ProtectedSecrets =>
    [
        ProtectedSecretColumn.Of<TwilioProvider>(nameof(TwilioProvider.AuthToken), TwilioSecrets.AuthToken, nameof(TwilioProvider.Id)),
        ProtectedSecretColumn.Of<TwilioProvider>(nameof(TwilioProvider.SipPassword), TwilioSecrets.SipPassword, nameof(TwilioProvider.Id)),
    ];

    public void Configure(EntityTypeBuilder<TwilioProvider> builder)
    {
        builder.ToTable("twilio_providers");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();

        builder.Property(p => p.Name).HasMaxLength(ProviderName.MaxLength);
        builder.Property(p => p.AccountSid).HasMaxLength(34).HasConversion<AccountSidConverter>();
        builder.Property(p => p.AuthToken).HasColumnName("auth_token_protected");
        builder.Property(p => p.Region)
            .HasMaxLength(8)
            .HasConversion(region => region.Code, code => TwilioRegion.FromCode(code));

        builder.Property(p => p.TrunkSid).HasMaxLength(34);
        builder.Property(p => p.TrunkDomainName).HasMaxLength(253);
        builder.Property(p => p.TerminationUri).HasMaxLength(300);
        builder.Property(p => p.CredentialListSid).HasMaxLength(34);
        builder.Property(p => p.SipCredentialSid).HasMaxLength(34);
        builder.Property(p => p.SipUsername).HasMaxLength(32);
        builder.Property(p => p.SipPassword).HasColumnName("sip_password_protected");
        builder.Property(p => p.RetiringSipCredentials)
            .HasColumnType("jsonb")
            .HasConversion(
                retiring => JsonSerializer.Serialize(retiring, JsonOptions),
                json => JsonSerializer.Deserialize<List<RetiringSipCredential>>(json, JsonOptions) ?? new List<RetiringSipCredential>(),
                new ValueComparer<IReadOnlyList<RetiringSipCredential>>(
                    (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
                    retiring => retiring.Count,
                    retiring => retiring));

        builder.Property(p => p.InboundRoutingKey).HasMaxLength(63);
        builder.HasIndex(p => p.InboundRoutingKey).IsUnique().HasDatabaseName(UniqueRoutingKeyIndex);
        // Inbound resolution by account (without a routing key) starts here.
        builder.HasIndex(p => p.AccountSid).HasDatabaseName(AccountSidIndex);

        builder.Property(p => p.OriginationRevision).HasMaxLength(32);
        builder.Property(p => p.OriginationUrls)
            .HasColumnType("jsonb")
            .HasConversion(
                urls => JsonSerializer.Serialize(urls, JsonOptions),
                json => JsonSerializer.Deserialize<List<OriginationUrl>>(json, JsonOptions) ?? new List<OriginationUrl>(),
                new ValueComparer<IReadOnlyList<OriginationUrl>>(
                    (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
                    urls => urls.Count,
                    urls => urls));
        builder.Property<DateTimeOffset?>(OriginationLeaseProperty);
        builder.Property<Guid?>(OriginationLeaseIdProperty);

        builder.Property(p => p.VerificationStatus).HasMaxLength(16).HasConversion<CamelCaseEnumConverter<VerificationStatus>>();
        builder.Property(p => p.VerificationChecks)
            .HasColumnName("verification_details")
            .HasColumnType("jsonb")
            .HasConversion(
                checks => checks == null ? null : JsonSerializer.Serialize(checks, JsonOptions),
                json => json == null ? null : StoredVerificationChecks.Read(json),
                new ValueComparer<IReadOnlyList<VerificationCheck>?>(
                    (left, right) => ReferenceEquals(left, right) || (left != null && right != null && left.SequenceEqual(right)),
                    checks => checks == null ? 0 : checks.Count,
                    checks => checks));

        // The managed rotation's policy, stored as its parts; the scheduler asks which enabled ones are due.
        builder.Ignore(p => p.AuthTokenRotationPolicy);
        builder.Property(p => p.AuthTokenRotationIntervalDays).HasDefaultValue(AuthTokenRotationPolicy.DefaultIntervalDays);
        builder.Property(p => p.AuthTokenRotationPropagationDelaySeconds).HasDefaultValue(AuthTokenRotation.DefaultPropagationDelaySeconds);
        builder.HasIndex(p => p.NextAuthTokenRotationAt)
            .HasFilter("auth_token_rotation_enabled")
            .HasDatabaseName(DueAuthTokenRotationIndex);

        // Drift repair: the mode, the running repair's hold, the creates it announced, and the day's automatic repairs.
        builder.Property(p => p.AutoRepair).HasMaxLength(8).HasConversion<CamelCaseEnumConverter<AutoRepairMode>>();
        builder.Property(p => p.PendingRepairTrunkDomainName).HasMaxLength(128);
        builder.Property(p => p.PendingRepairCredentialListName).HasMaxLength(64);

        // The sweep's question — which providers are due? — is answered from this index, oldest first.
        builder.HasIndex(p => p.NextVerificationAt).HasDatabaseName(DueVerificationIndex);

        // The domain counts its changes; every UPDATE and DELETE checks the count it read (optimistic concurrency).
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Which unit of work moved the version last: the evidence a lost commit answer is judged by (ADR-004).
        CommitStamp.Configure(builder);

        builder.HasIndex(p => new { p.OrganizationId, p.AccountSid })
            .IsUnique()
            .HasDatabaseName(UniqueAccountPerOrganizationIndex);

        // The provider list: newest first within an organization.
        builder.HasIndex(p => new { p.OrganizationId, p.CreatedAt, p.Id })
            .IsDescending(false, true, true)
            .HasDatabaseName(ListOrderIndex);

        // Everything a provider owns goes in the commit that deletes it: its verification lease (cascade), and its imported
        // numbers, which the delete removes one by one as it read them (restrict): a number imported after that read
        // makes the delete fail rather than vanish without being detached in Twilio or announced.
        builder.HasMany<ImportedPhoneNumber>().WithOne().HasForeignKey(n => n.ProviderId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName(ImportedNumbersForeignKey);
        builder.HasOne<VerificationLease>().WithOne().HasForeignKey<VerificationLease>(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}
