using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.Infrastructure.Providers;

/// <summary>
/// Stops the host at start when a registered provider type lacks one of the ports the generic endpoints, the verifier
/// and the sweep need (its read model, deletion, checks and verification store), or has one twice — rather than
/// failing the first request or sweep that meets a provider of that type.
/// </summary>
internal sealed class ProviderTypesStartupCheck(ProviderTypes types, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var problems = new List<string>();
        foreach (var registration in types.All)
        {
            Require<IProviderReadModel>(services, registration.Type, r => r.Type, problems);
            Require<IProviderDeletion>(services, registration.Type, d => d.Type, problems);
            Require<IProviderChecks>(services, registration.Type, c => c.Type, problems);
            Require<IProviderVerificationStore>(services, registration.Type, s => s.Type, problems);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Provider types are not fully registered: " + string.Join("; ", problems) + ".");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Require<TPort>(IServiceProvider services, ProviderType type, Func<TPort, ProviderType> typeOf, List<string> problems)
        where TPort : notnull
    {
        var count = services.GetServices<TPort>().Count(port => typeOf(port) == type);
        if (count != 1)
        {
            problems.Add($"'{type}' has {count} {typeof(TPort).Name}, needs exactly 1");
        }
    }
}
