using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>Outside Development the tenant's Auth Token only travels over https, unless http is allowed explicitly.</summary>
public sealed class InsecureTwilioBaseUrlTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Outside_Development_the_host_refuses_to_start_with_an_http_Twilio_base_url()
    {
        var start = () => Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Twilio:AllowInsecureBaseUrls"] = "false",
            ["BackgroundJobs:Enabled"] = "false",
        });

        var failure = await start.Should().ThrowAsync<Exception>();
        failure.Which.ToString().Should().Contain("Twilio:BaseUrls:api must be https outside Development")
            .And.Contain("Twilio:AllowInsecureBaseUrls=true");
    }
}
