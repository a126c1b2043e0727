using Npgsql;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Writes stuck background work straight into the database, as the module leaves it when a job gave up or never ran:
/// each row dated <c>age</c> ago, so a test knows the count and the oldest age the operator's view must show.
/// </summary>
internal sealed class StuckWork(string connectionString)
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    public async Task<Guid> AbandonedCleanupAsync(string organizationId, TimeSpan age, string trunkSid, string credentialListSid, params string[] phoneNumberSids)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("""
            INSERT INTO voip_providers.twilio_resource_cleanups
                (id, organization_id, provider_id, account_sid, auth_token_protected, trunk_sid, credential_list_sid, status, failed_attempts, last_failure, requested_at, updated_at, phone_number_sids)
            VALUES (@id, @org, @provider, @account, NULL, @trunk, @list, 'abandoned', 2, 'twilio_credentials_rejected: 20003', now() - @age, now() - @age, @numbers)
            """,
            ("id", id), ("org", organizationId), ("provider", Guid.CreateVersion7()), ("account", AccountSid), ("trunk", trunkSid), ("list", credentialListSid),
            ("age", age), ("numbers", phoneNumberSids));
        return id;
    }

    public async Task<Guid> ProvisioningIntentAsync(string organizationId, TimeSpan age, string status)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("""
            INSERT INTO voip_providers.provisioning_intents
                (id, organization_id, account_sid, auth_token_protected, trunk_domain_names, resource_friendly_name, status, failed_attempts, last_failure, created_at, updated_at)
            VALUES (@id, @org, @account, NULL, ARRAY['vp-00000000000000aa.pstn.twilio.com', 'vp-00000000000000bb.pstn.twilio.com'], 'VoipProviders vp-00000000000000aa', @status, 0, NULL, now() - @age, now() - @age)
            """,
            ("id", id), ("org", organizationId), ("account", AccountSid), ("status", status), ("age", age));
        return id;
    }

    public async Task<Guid> OutboxJobAsync(TimeSpan age)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync("""
            INSERT INTO voip_providers.background_job_outbox (id, job_name, payload, enqueued_at, not_before)
            VALUES (@id, 'twilio-resource-cleanup', @payload::jsonb, now() - @age, NULL)
            """,
            ("id", id), ("payload", $$"""{"cleanupId":"{{Guid.CreateVersion7()}}"}"""), ("age", age));
        return id;
    }

    public async Task<Guid> ParkedDeliveryAsync(string organizationId, TimeSpan age, string handler)
    {
        var (eventId, providerId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await ExecuteAsync("""
            INSERT INTO voip_providers.integration_events (id, event_type, organization_id, provider_id, provider_version, ordinal, sequence, payload, occurred_at)
            VALUES (@id, 'PhoneNumbersImported', @org, @provider, 1, 1, 0, '{}'::jsonb, now() - @age);
            INSERT INTO voip_providers.integration_event_deliveries (event_id, handler, provider_id, sequence, status, attempts, next_attempt_at, last_error, parked_at)
            VALUES (@id, @handler, @provider, 0, 1, 10, now(), 'System.InvalidOperationException: the agents module was down', now() - @age);
            """,
            ("id", eventId), ("org", organizationId), ("provider", providerId), ("handler", handler), ("age", age));
        return eventId;
    }

    /// <summary>Makes the provider's scheduled verification due <paramref name="overdue"/> ago.</summary>
    public Task VerificationOverdueAsync(Guid providerId, TimeSpan overdue) =>
        ExecuteAsync("UPDATE voip_providers.twilio_providers SET next_verification_at = now() - @age WHERE id = @id", ("id", providerId), ("age", overdue));

    public Task EmptyOutboxAsync() => ExecuteAsync("DELETE FROM voip_providers.background_job_outbox");

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
