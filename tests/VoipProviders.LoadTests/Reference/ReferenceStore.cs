using Npgsql;
using NpgsqlTypes;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The reference server's SQL, straight on <see cref="NpgsqlDataSource"/> over the tables the project's migrations made
/// (<c>voip_providers.twilio_providers</c>, <c>imported_phone_numbers</c>, <c>provider_verification_leases</c>). One
/// statement per step; the imported-number count the responses show rides along as a subquery.
/// </summary>
internal sealed class ReferenceStore(NpgsqlDataSource dataSource, bool records = false)
{
    private const string Columns = """
        p.id, p.name, p.account_sid, p.trunk_sid, p.termination_uri, p.region, p.supports_call_transfer,
        p.verification_status, p.last_verified_at, p.verification_details, p.created_at, p.updated_at, p.version,
        p.secure_trunking, p.inbound_routing_key, p.origination_urls, p.sip_credential_version, p.sip_credential_updated_at,
        p.auth_token_rotation_enabled, p.auth_token_rotation_interval_days, p.auth_token_rotation_propagation_delay_seconds,
        p.next_auth_token_rotation_at, p.active_auth_token_rotation_id,
        (SELECT count(*)::int FROM voip_providers.imported_phone_numbers n WHERE n.provider_id = p.id)
        """;

    private const int ColumnCount = 24;

    public async Task<ProviderRow?> FindAsync(Guid id, string organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM voip_providers.twilio_providers p WHERE p.id = $1 AND p.organization_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    /// <summary>A page in the project's order (newest first: created_at, then id) and the organization's total.</summary>
    public async Task<(IReadOnlyList<ProviderRow> Items, int TotalCount)> PageAsync(
        string organizationId, int skip, int take, CancellationToken cancellationToken)
    {
        var items = new List<ProviderRow>(take);
        var total = 0;
        await using (var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER ()::int FROM voip_providers.twilio_providers p
            WHERE p.organization_id = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT $2 OFFSET $3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Row(reader));
                total = reader.GetInt32(ColumnCount);
            }
        }

        if (items.Count == 0 && skip > 0)
        {
            // A window past the end: the total still has to be told.
            await using var count = dataSource.CreateCommand("SELECT count(*)::int FROM voip_providers.twilio_providers WHERE organization_id = $1");
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
            total = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return (items, total);
    }

    /// <summary>The account SID and version of the organization's provider, or null.</summary>
    public async Task<(string AccountSid, long Version)?> FindAccountAsync(Guid id, string organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT account_sid, version FROM voip_providers.twilio_providers WHERE id = $1 AND organization_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Stores a rotated token if the provider still has <paramref name="expectedVersion"/>; null when it changed meanwhile.</summary>
    public async Task<ProviderRow?> RotateAuthTokenAsync(
        Guid id, long expectedVersion, string protectedToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // With records, as a bare implementation would write them: an audit record and an event (numbered by the
        // project's trigger) in the same statement as the UPDATE, through data-modifying CTEs.
        await using var command = dataSource.CreateCommand(records
            ? $"""
                WITH p AS (
                    UPDATE voip_providers.twilio_providers AS p
                    SET auth_token_protected = $1, auth_token_updated_at = $2, updated_at = $2, version = p.version + 1,
                        next_auth_token_rotation_at = CASE WHEN p.auth_token_rotation_enabled THEN $2 + make_interval(days => p.auth_token_rotation_interval_days) END
                    WHERE p.id = $3 AND p.version = $4
                    RETURNING p.*),
                event AS (
                    INSERT INTO voip_providers.integration_events (id, event_type, organization_id, provider_id, provider_version, ordinal, sequence, payload, occurred_at)
                    SELECT gen_random_uuid(), 'ProviderAuthTokenRotated', p.organization_id, p.id, p.version, 1, 0,
                           jsonb_build_object('authTokenUpdatedAt', $2, 'organizationId', p.organization_id, 'providerId', p.id, 'providerVersion', p.version), $2
                    FROM p),
                audit AS (
                    INSERT INTO voip_providers.audit_events (id, occurred_at, organization_id, provider_id, action, outcome, actor_type, actor_id, details)
                    SELECT gen_random_uuid(), $2, p.organization_id, p.id, 'provider.auth_token.rotated', 'succeeded', 'user', 'reference',
                           jsonb_build_object('accountSid', p.account_sid)
                    FROM p)
                SELECT {Columns} FROM p
                """
            : $"""
                UPDATE voip_providers.twilio_providers AS p
                SET auth_token_protected = $1, auth_token_updated_at = $2, updated_at = $2, version = p.version + 1,
                        next_auth_token_rotation_at = CASE WHEN p.auth_token_rotation_enabled THEN $2 + make_interval(days => p.auth_token_rotation_interval_days) END
                WHERE p.id = $3 AND p.version = $4
                RETURNING {Columns}
                """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protectedToken });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    public async Task<VerificationSubject?> FindForVerificationAsync(Guid id, string organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, p.account_sid, p.auth_token_protected, p.trunk_sid, p.trunk_domain_name, p.credential_list_sid,
                   p.sip_username, p.supports_call_transfer, p.version,
                   ARRAY(SELECT n.phone_number_sid FROM voip_providers.imported_phone_numbers n WHERE n.provider_id = p.id),
                   p.secure_trunking, p.inbound_routing_key, p.origination_urls
            FROM voip_providers.twilio_providers p WHERE p.id = $1 AND p.organization_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new VerificationSubject(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetBoolean(7), reader.GetInt64(8), reader.GetFieldValue<string[]>(9),
                reader.GetBoolean(10), reader.GetString(11), ReferenceJson.StoredOriginationUrls(reader.GetString(12)))
            : null;
    }

    /// <summary>
    /// The inbound resolution (issue #18) as one SQL statement: the provider by its routing key (unique index) and/or its
    /// account (index), joined with its imported number by (provider_id, phone_number) (index) — the project's query.
    /// </summary>
    public async Task<InboundCallRow?> ResolveInboundCallAsync(string calledNumber, string? routingKey, string? accountSid, CancellationToken cancellationToken)
    {
        const string Select = """
            SELECT p.organization_id, p.id, n.id, n.phone_number
            FROM voip_providers.twilio_providers p
            JOIN voip_providers.imported_phone_numbers n ON n.provider_id = p.id
            """;
        await using var command = (routingKey, accountSid) switch
        {
            ({ }, null) => dataSource.CreateCommand($"{Select} WHERE p.inbound_routing_key = $1 AND n.phone_number = $2 LIMIT 1"),
            (null, { }) => dataSource.CreateCommand($"{Select} WHERE p.account_sid = $1 AND n.phone_number = $2 ORDER BY n.id LIMIT 1"),
            _ => dataSource.CreateCommand($"{Select} WHERE p.inbound_routing_key = $1 AND p.account_sid = $3 AND n.phone_number = $2 LIMIT 1"),
        };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = routingKey ?? accountSid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = calledNumber });
        if (routingKey is not null && accountSid is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accountSid });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new InboundCallRow(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3))
            : null;
    }

    /// <summary>Takes the provider's verification lease when nobody holds a live one (the project's conditional upsert).</summary>
    public async Task<bool> TryLeaseAsync(Guid id, Guid runId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO voip_providers.provider_verification_leases (provider_id, run_id, lease_until) VALUES ($1, $2, $3)
            ON CONFLICT (provider_id) DO UPDATE SET run_id = excluded.run_id, lease_until = excluded.lease_until
                WHERE provider_verification_leases.lease_until < $4
            RETURNING provider_id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> IsLeasedAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM voip_providers.provider_verification_leases WHERE provider_id = $1 AND lease_until > $2)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Stores a result under the version it was checked at and ends the run's lease, in one statement; false when the
    /// provider changed meanwhile (nothing stored).
    /// </summary>
    public async Task<bool> RecordVerificationAsync(
        Guid id, long version, Guid runId, string status, string checksJson, DateTimeOffset verifiedAt, DateTimeOffset next, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH stored AS (
                UPDATE voip_providers.twilio_providers
                SET verification_status = $1, verification_details = $2, last_verified_at = $3, next_verification_at = $4
                WHERE id = $5 AND version = $6
                RETURNING 1),
            ended AS (DELETE FROM voip_providers.provider_verification_leases WHERE provider_id = $5 AND run_id = $7)
            SELECT count(*)::int FROM stored
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checksJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = verifiedAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = next });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>Ends the run's lease without a result (inconclusive or failed run).</summary>
    public async Task ReleaseLeaseAsync(Guid id, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM voip_providers.provider_verification_leases WHERE provider_id = $1 AND run_id = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ProviderRow Row(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetBoolean(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetInt64(12),
        reader.GetBoolean(13),
        reader.GetString(14),
        reader.GetString(15),
        reader.GetInt32(16),
        reader.GetFieldValue<DateTimeOffset>(17),
        reader.GetBoolean(18),
        reader.GetInt32(19),
        reader.GetInt32(20),
        reader.IsDBNull(21) ? null : reader.GetFieldValue<DateTimeOffset>(21),
        reader.IsDBNull(22) ? null : reader.GetGuid(22),
        reader.GetInt32(23));
}
