using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// A verifier of the fixture's host (its real store, checks, unit of work and in-flight registry), built in a scope of
/// its own the way a request builds one, but with the clock, the checks or the store a test needs to hold a run at a
/// known point: a run held in its checks, a caller whose wait is measured on a clock the test moves.
/// </summary>
internal sealed class VerificationRun : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    public VerificationRun(IServiceProvider services, TimeProvider? time = null, bool gated = false)
    {
        _scope = services.CreateAsyncScope();
        var provider = _scope.ServiceProvider;
        Store = new ObservedVerificationStore(provider.GetServices<IProviderVerificationStore>().Single());
        var checks = provider.GetServices<IProviderChecks>().Single();
        Checks = gated ? new GatedChecks(checks) : null;
        Verifier = ActivatorUtilities.CreateInstance<ProviderVerifier>(
            provider,
            (IEnumerable<IProviderVerificationStore>)[Store],
            (IEnumerable<IProviderChecks>)[Checks ?? checks],
            time ?? TimeProvider.System);
    }

    public ProviderVerifier Verifier { get; }

    public ObservedVerificationStore Store { get; }

    /// <summary>The gate in front of the checks (only when built <c>gated</c>).</summary>
    public GatedChecks? Checks { get; }

    /// <summary>How long a caller waits for another run before answering 409 <c>verification_in_progress</c>: the run's timeout plus 5 s.</summary>
    public static TimeSpan CallerWait(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VerificationOptions>>().Value.Timeout + TimeSpan.FromSeconds(5);

    public Task<IVerifiableProvider> VerifyNowAsync(string organizationId, Guid providerId) =>
        Verifier.VerifyNowAsync(OrganizationId.Parse(organizationId), ProviderId.From(providerId), CancellationToken.None);

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    /// <summary>Writes the lease a run of another replica holds (or held, when it died): <c>provider_verification_leases</c>.</summary>
    public static async Task LeaseAsync(string connectionString, Guid providerId, Guid runId, DateTimeOffset leaseUntil)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {VoipProvidersDbContext.Schema}.provider_verification_leases (provider_id, run_id, lease_until) VALUES (@provider, @run, @until)",
            connection);
        command.Parameters.AddWithValue("provider", providerId);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("until", leaseUntil);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The run holding the provider's lease row (expired or not), or null when there is none.</summary>
    public static async Task<Guid?> LeaseHolderAsync(string connectionString, Guid providerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT run_id FROM {VoipProvidersDbContext.Schema}.provider_verification_leases WHERE provider_id = @provider", connection);
        command.Parameters.AddWithValue("provider", providerId);
        return await command.ExecuteScalarAsync() is Guid runId ? runId : null;
    }
}
