using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// The Twilio adapter: one shared <c>HttpClient</c> transport from IHttpClientFactory (with the call-scope, logging and
/// base-URL handlers), a <c>TwilioRestClient</c> per credential pair over it, and the resilience pipeline.
/// </summary>
internal sealed class TwilioGatewayServices : IFeatureServices
{
    public void AddServices(IServiceCollection services)
    {
        services.AddTransient<TwilioCallScopeHandler>();
        services.AddTransient<TwilioHttpLoggingHandler>();
        services.AddTransient<TwilioBaseUrlRewriteHandler>();
        services.AddHttpClient(TwilioRestClientFactory.HttpClientName, (provider, client) =>
            {
                // Polly's timeouts cancel each attempt; this is only a backstop for requests made outside a call scope.
                client.Timeout = provider.GetRequiredService<IOptions<TwilioOptions>>().Value.Resilience.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TwilioCallScopeHandler>()
            .AddHttpMessageHandler<TwilioHttpLoggingHandler>()
            .AddHttpMessageHandler<TwilioBaseUrlRewriteHandler>()
            // The shared transport lives for the process; PooledConnectionLifetime keeps DNS fresh.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<TwilioRestClientFactory>();
        services.AddSingleton<TwilioMetrics>();
        services.AddSingleton<TwilioResiliencePipeline>();
        services.AddSingleton<TwilioCallExecutor>();
        services.AddSingleton<ITwilioGateway, TwilioGateway>();
        services.AddHostedService<InsecureTwilioBaseUrlsWarning>();
    }
}
