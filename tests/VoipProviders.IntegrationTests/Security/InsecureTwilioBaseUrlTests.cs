using Microsoft.Extensions.Options;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>Outside Development the tenant's Auth Token only travels over https, unless http is allowed explicitly.</summary>
public sealed class InsecureTwilioBaseUrlTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public void Outside_Development_the_host_refuses_to_start_with_an_http_Twilio_base_url()
    {
        var refusal = HostStart.RefusalOf(Fixture, new Dictionary<string, string> { ["Twilio:AllowInsecureBaseUrls"] = "false" });

        refusal.Should().BeOfType<OptionsValidationException>("the settings check refuses the start, nothing else fails")
            .Which.Failures.Should().Contain(f => f.StartsWith("Twilio:BaseUrls:api must be https outside Development", StringComparison.Ordinal)
                && f.Contains("Twilio:AllowInsecureBaseUrls=true", StringComparison.Ordinal));
    }
}
