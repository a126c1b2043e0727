using System.Net;
using System.Net.Http.Json;
using Npgsql;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Providers;

/// <summary>
/// The organization's provider settings are written under the version they were read at: of two changes racing, the
/// one that commits second answers 409 <c>concurrent_update</c> instead of silently overwriting the first. The race is
/// made by a transaction of the test that holds the settings row while the request reads it and tries to write it.
/// </summary>
public sealed class ProviderSettingsRaceTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string SettingsPath = "/api/v1/providers/settings";
    private const string Table = VoipProvidersDbContext.Schema + ".organization_provider_settings";

    [Fact]
    public async Task A_settings_change_that_read_the_settings_before_another_change_committed_answers_409_and_leaves_the_other_change()
    {
        using (var first = await ClientFor().PutAsJsonAsync(SettingsPath, new { defaultAutoRepair = "safe" }))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        }

        await using var competitor = new NpgsqlConnection(Fixture.ConnectionString);
        await competitor.OpenAsync();
        await using var transaction = await competitor.BeginTransactionAsync();
        await using (var change = new NpgsqlCommand(
            $"UPDATE {Table} SET default_auto_repair = 'off', version = version + 1, updated_at = now() WHERE organization_id = @organization",
            competitor,
            transaction))
        {
            change.Parameters.AddWithValue("organization", OrgA);
            (await change.ExecuteNonQueryAsync()).Should().Be(1);
        }

        // The request reads the committed settings ("safe", the old version) and waits for the competitor's row lock to write.
        var racing = ClientFor().PutAsJsonAsync(SettingsPath, new { defaultAutoRepair = "all" });
        await EventuallyAsync(async () => await WaitingForARowLockAsync() == 1, "the request waits to write the settings row");
        await transaction.CommitAsync();

        using var response = await racing;
        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("concurrent_update");
        using var settings = await ClientFor().GetAsync(SettingsPath);
        (await ReadJsonAsync(settings)).GetProperty("defaultAutoRepair").GetString().Should().Be("off", "the change that committed first stands");
    }

    /// <summary>Sessions of the module waiting for a row lock on the settings table.</summary>
    private async Task<long> WaitingForARowLockAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' " +
            "AND query LIKE '%organization_provider_settings%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
