using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Infrastructure.Providers;

namespace VoipProviders.Infrastructure.UnitTests.Providers;

public sealed class ProviderTypesStartupCheckTests
{
    private static readonly ProviderType Sip = new("sip");

    [Fact]
    public async Task A_provider_type_with_every_port_lets_the_host_start()
    {
        var services = ServicesFor(Sip);
        services.AddScoped<IProviderReadModel>(_ => new Port(Sip));
        services.AddScoped<IProviderDeletion>(_ => new Port(Sip));
        services.AddScoped<IProviderChecks>(_ => new Port(Sip));
        services.AddScoped<IProviderVerificationStore>(_ => new Port(Sip));

        var start = () => CheckOf(services).StartAsync(CancellationToken.None);

        await start.Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_provider_type_missing_a_port_or_having_one_twice_stops_the_host_naming_them()
    {
        var services = ServicesFor(Sip);
        services.AddScoped<IProviderReadModel>(_ => new Port(Sip));
        services.AddScoped<IProviderDeletion>(_ => new Port(Sip));
        services.AddScoped<IProviderDeletion>(_ => new Port(Sip));
        services.AddScoped<IProviderChecks>(_ => new Port(new ProviderType("other")));

        var start = () => CheckOf(services).StartAsync(CancellationToken.None);

        var failure = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        failure.Should().Contain("'sip' has 2 IProviderDeletion")
            .And.Contain("'sip' has 0 IProviderChecks")
            .And.Contain("'sip' has 0 IProviderVerificationStore")
            .And.NotContain("IProviderReadModel");
    }

    private static ServiceCollection ServicesFor(ProviderType type)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new ProviderTypes([new ProviderTypeRegistration(type, typeof(ProviderResponse))]));
        return services;
    }

    private static ProviderTypesStartupCheck CheckOf(ServiceCollection services)
    {
        var provider = services.BuildServiceProvider();
        return new ProviderTypesStartupCheck(provider.GetRequiredService<ProviderTypes>(), provider.GetRequiredService<IServiceScopeFactory>());
    }

    /// <summary>Every port of a type, doing nothing: the check only asks which type each serves.</summary>
    private sealed class Port(ProviderType type) : IProviderReadModel, IProviderDeletion, IProviderChecks, IProviderVerificationStore
    {
        public ProviderType Type => type;

        public Task<ProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PagedResponse<ProviderResponse>> ListAsync(OrganizationId organizationId, VerificationStatus? verificationStatus, int skip, int take, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TryDeleteAsync(OrganizationId organizationId, ProviderId providerId, VersionPrecondition? ifMatch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<VerificationCheck>> RunAsync(IVerifiableProvider provider, CancellationToken cancellationToken) => throw new NotSupportedException();

        public UpstreamFailureException TimedOut(OperationCanceledException cause) => throw new NotSupportedException();

        Task<IVerifiableProvider?> IProviderVerificationStore.FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
