using System.Net;
using Npgsql;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: a database that cannot serve us is 503 <c>database_unavailable</c> with Retry-After, never a bare 500.</summary>
public sealed class DatabaseUnavailableTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>
    /// A replica on a database of its own, which disappears while the replica runs: every query then fails at once with
    /// SQLSTATE 3D000. A replica cannot start without its database (the job store checks its schema at start), and
    /// stopping the shared server or killing the shared database's connections would break the other tests. A transient
    /// outage (refused or dropped connections) is retried by the execution strategy for about a minute and a half
    /// before the same mapping applies; <see cref="DatabaseFailureClassificationTests"/> cover those shapes.
    /// </summary>
    [Fact]
    public async Task Requests_after_the_database_is_gone_answer_503_database_unavailable_with_Retry_After()
    {
        var databaseName = "voip_gone_" + Guid.NewGuid().ToString("N");
        var own = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { Database = databaseName, Pooling = false }.ConnectionString;
        await AdminAsync($"CREATE DATABASE {databaseName}");
        try
        {
            await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings:VoipProviders"] = own,
                ["Database:MigrateOnStartup"] = "true",
                ["BackgroundJobs:Enabled"] = "false",
            });
            using var client = host.ClientFor(OrgA);
            using (var before = await client.GetAsync(ProvidersPath))
            {
                before.StatusCode.Should().Be(HttpStatusCode.OK, "the replica works while its database is there");
            }

            await AdminAsync($"DROP DATABASE {databaseName} WITH (FORCE)");

            using var list = await client.GetAsync(ProvidersPath);
            using var get = await client.GetAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}");
            using var delete = await client.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
            using var numbers = await client.GetAsync("/api/v1/phone-numbers");
            foreach (var response in new[] { list, get, delete, numbers })
            {
                var body = await response.Content.ReadAsStringAsync();
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
                var retryAfter = response.Headers.RetryAfter?.Delta;
                retryAfter.Should().NotBeNull(body).And.BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
                problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be((int)retryAfter!.Value.TotalSeconds);
                body.Should().NotContainAny(databaseName, "3D000", "Npgsql", "PostgresException", "does not exist", "   at ");
            }

            using var ready = await host.AnonymousClient().GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            Twilio.Requests.Should().BeEmpty();
        }
        finally
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)");
        }
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
