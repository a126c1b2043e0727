using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>Reads the rotation rows and the provider's token columns directly (raw SQL), as stored.</summary>
internal sealed class RotationTables(string connectionString)
{
    private const string Rotations = VoipProvidersDbContext.Schema + ".auth_token_rotations";
    private const string Providers = VoipProvidersDbContext.Schema + ".twilio_providers";

    public async Task<IReadOnlyList<RotationRow>> OfProviderAsync(Guid providerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT id, status, step, failure_code, secondary_auth_token_protected, secondary_requested_at IS NOT NULL,
                   promotion_requested_at IS NOT NULL, cleanup_pending
            FROM {Rotations} WHERE provider_id = @provider ORDER BY id
            """,
            connection);
        command.Parameters.AddWithValue("provider", providerId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<RotationRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new RotationRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetBoolean(5),
                reader.GetBoolean(6),
                reader.GetBoolean(7)));
        }

        return rows;
    }

    /// <summary>The provider's stored (encrypted) Auth Token, its version and the running rotation's id.</summary>
    public async Task<(string AuthTokenCipherText, long Version, Guid? ActiveRotationId)> ProviderAsync(Guid providerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT auth_token_protected, version, active_auth_token_rotation_id FROM {Providers} WHERE id = @provider",
            connection);
        command.Parameters.AddWithValue("provider", providerId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }
}
