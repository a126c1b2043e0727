using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.Web.Auth;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// Outside Development, every setting that lowers the protection of secrets on purpose is said loudly at each start:
/// an unencrypted key ring (3100), http allowed for Twilio (3120), issuer metadata over http (3121).
/// </summary>
public sealed class InsecureSettingWarningsTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Outside_Development_each_insecure_setting_allowed_explicitly_is_a_warning_at_start()
    {
        // The tests' environment (Testing) allows an unencrypted key ring and the emulator's http explicitly.
        await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["BackgroundJobs:Enabled"] = "false",
            ["Auth:RequireHttpsMetadata"] = "false",
        });

        var warnings = host.Logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        warnings.Should().ContainSingle(r => r.Id.Id == 3100).Which.Message.Should().Contain("UNENCRYPTED");
        warnings.Should().ContainSingle(r => r.Id.Id == 3120).Which.Message.Should()
            .Contain("Twilio:AllowInsecureBaseUrls is set in Testing").And.Contain("http base URLs: accounts, api, trunking");
        warnings.Should().ContainSingle(r => r.Id.Id == 3121).Which.Message.Should().Contain("Auth:RequireHttpsMetadata is false in Testing");
    }

    [Theory]
    [InlineData("Development", true, false)]
    [InlineData("Production", false, true)]
    public async Task Nothing_is_said_in_Development_or_when_the_settings_are_secure(string environment, bool allowInsecure, bool requireHttpsMetadata)
    {
        var hosting = new HostingEnvironment { EnvironmentName = environment };
        var twilioLog = new FakeLogger<InsecureTwilioBaseUrlsWarning>();
        var authLog = new FakeLogger<InsecureAuthMetadataWarning>();
        var twilio = new TwilioOptions { AllowInsecureBaseUrls = allowInsecure };
        twilio.BaseUrls["api"] = "http://127.0.0.1:5081";

        await new InsecureTwilioBaseUrlsWarning(Options.Create(twilio), hosting, twilioLog).StartAsync(CancellationToken.None);
        await new InsecureAuthMetadataWarning(Options.Create(new AuthOptions { RequireHttpsMetadata = requireHttpsMetadata }), hosting, authLog)
            .StartAsync(CancellationToken.None);

        twilioLog.Collector.Count.Should().Be(0);
        authLog.Collector.Count.Should().Be(0);
    }

    [Fact]
    public async Task In_Production_the_same_settings_are_warned_about_by_the_same_services()
    {
        var hosting = new HostingEnvironment { EnvironmentName = Environments.Production };
        var twilioLog = new FakeLogger<InsecureTwilioBaseUrlsWarning>();
        var authLog = new FakeLogger<InsecureAuthMetadataWarning>();

        await new InsecureTwilioBaseUrlsWarning(Options.Create(new TwilioOptions { AllowInsecureBaseUrls = true }), hosting, twilioLog)
            .StartAsync(CancellationToken.None);
        await new InsecureAuthMetadataWarning(Options.Create(new AuthOptions { RequireHttpsMetadata = false }), hosting, authLog)
            .StartAsync(CancellationToken.None);

        twilioLog.LatestRecord.Level.Should().Be(LogLevel.Warning);
        twilioLog.LatestRecord.Message.Should().Contain("in Production").And.Contain("http base URLs: none yet");
        authLog.LatestRecord.Level.Should().Be(LogLevel.Warning);
        authLog.LatestRecord.Message.Should().Contain("Auth:RequireHttpsMetadata is false in Production");
    }
}
