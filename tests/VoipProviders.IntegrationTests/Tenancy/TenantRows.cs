using System.Security.Cryptography;
using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// Seeds the rows the list tests read straight into the database (far cheaper than connecting providers and importing
/// numbers through Twilio): providers copied from one connected through the API, imported numbers and audit records.
/// </summary>
internal sealed class TenantRows(string connectionString)
{
    private const string Schema = VoipProvidersDbContext.Schema;

    /// <summary>
    /// A copy of provider <paramref name="templateId"/> (every column, whatever the schema holds) as another provider of
    /// <paramref name="organizationId"/>, on its own account, with the given status and creation time.
    /// </summary>
    public async Task<Guid> CopyProviderAsync(Guid templateId, string organizationId, string verificationStatus, DateTimeOffset createdAt)
    {
        var id = Guid.CreateVersion7(createdAt);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.twilio_providers
            SELECT (jsonb_populate_record(NULL::{Schema}.twilio_providers, to_jsonb(p) || jsonb_build_object(
                'id', @id::uuid, 'organization_id', @organization::text, 'account_sid', @account::text,
                'inbound_routing_key', @routing_key::text, 'verification_status', @status::text, 'created_at', @created_at::timestamptz))).*
            FROM {Schema}.twilio_providers p WHERE p.id = @template
            """,
            ("id", id),
            ("organization", organizationId),
            ("account", "AC" + Hex(16)),
            ("routing_key", Hex(16)),
            ("status", verificationStatus),
            ("created_at", createdAt),
            ("template", templateId));
        return id;
    }

    /// <summary>Gives a provider the status and creation time a test orders and filters by.</summary>
    public Task SetProviderAsync(Guid providerId, string verificationStatus, DateTimeOffset createdAt) =>
        ExecuteAsync(
            $"UPDATE {Schema}.twilio_providers SET verification_status = @status, created_at = @created_at WHERE id = @id",
            ("status", verificationStatus),
            ("created_at", createdAt),
            ("id", providerId));

    /// <summary>An imported number of the provider, recorded for <paramref name="organizationId"/> as an import records it.</summary>
    public async Task<Guid> NumberAsync(Guid providerId, string organizationId, string phoneNumber)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.imported_phone_numbers
                (id, organization_id, provider_id, phone_number_sid, phone_number, friendly_name, created_at, mms, sms, voice)
            VALUES (@id, @organization, @provider, @sid, @number, @number, now(), false, true, true)
            """,
            ("id", id),
            ("organization", organizationId),
            ("provider", providerId),
            ("sid", "PN" + Hex(16)),
            ("number", phoneNumber));
        return id;
    }

    /// <summary>An audit record of the organization, as the audit trail writes one.</summary>
    public async Task<Guid> AuditAsync(string organizationId, Guid? providerId, string action, string outcome, DateTimeOffset occurredAt)
    {
        var id = Guid.CreateVersion7(occurredAt);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.audit_events
                (id, occurred_at, organization_id, provider_id, action, outcome, actor_type, actor_id, source_address, trace_id, details)
            VALUES (@id, @occurred_at, @organization, @provider, @action, @outcome, 'user', 'dev-user', NULL, NULL, jsonb_build_object())
            """,
            ("id", id),
            ("occurred_at", occurredAt),
            ("organization", organizationId),
            ("provider", (object?)providerId ?? DBNull.Value),
            ("action", action),
            ("outcome", outcome));
        return id;
    }

    /// <summary>A finished Auth Token rotation of the provider, recorded for <paramref name="organizationId"/>.</summary>
    public async Task<Guid> CompletedRotationAsync(Guid providerId, string organizationId, DateTimeOffset startedAt)
    {
        var id = Guid.CreateVersion7(startedAt);
        await ExecuteAsync(
            $"""
            INSERT INTO {Schema}.auth_token_rotations
                (id, provider_id, organization_id, trigger, propagation_delay_seconds, status, step, started_at, completed_at, cleanup_pending, updated_at, version)
            VALUES (@id, @provider, @organization, 'onDemand', 60, 'completed', 'done', @started_at, @started_at + interval '2 minutes', false, @started_at + interval '2 minutes', 1)
            """,
            ("id", id),
            ("provider", providerId),
            ("organization", organizationId),
            ("started_at", startedAt));
        return id;
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1, sql);
    }
}
