using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.Web.Auth;

namespace VoipProviders.Scenarios;

/// <summary>
/// The real host, Production settings, pointed at the emulator and the scenario database. The only addition is
/// <see cref="EventLagRecorder"/>, a handler of <see cref="ProviderUpdated"/> as another module would register one.
/// </summary>
internal sealed class ScenarioHost(string connectionString, Uri emulator, AuthOptions auth, EventLagRecorder eventLagRecorder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSolutionRelativeContentRoot("src/VoipProviders.Web");
        var twilio = emulator.ToString().TrimEnd('/');
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings:VoipProviders"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            // The sweep scenario connects 10,000 providers for one organization.
            ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = "0",
            ["Sip:Origination:Uris:0:Uri"] = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls",
            ["Auth:Issuer"] = auth.Issuer!,
            ["Auth:Audience"] = auth.Audience!,
            ["Auth:SigningKey"] = auth.SigningKey!,
            ["Twilio:AllowInsecureBaseUrls"] = "true",
            ["Twilio:BaseUrls:api"] = twilio,
            ["Twilio:BaseUrls:trunking"] = twilio,
            ["Twilio:BaseUrls:accounts"] = twilio,
            // The sweep scenario seeds providers first and measures the sweep alone.
            ["Verification:VerifyAfterChanges"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        })
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.AddSingleton<IIntegrationEventHandler<ProviderUpdated>>(eventLagRecorder));
    }
}
