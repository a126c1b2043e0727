using Microsoft.Extensions.Options;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

public sealed class TwilioBaseUrlRewriteHandlerTests
{
    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1.json?PageSize=5", "http://127.0.0.1:5081", "http://127.0.0.1:5081/2010-04-01/Accounts/AC1.json?PageSize=5")]
    [InlineData("https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1.json", "http://127.0.0.1:5081/", "http://127.0.0.1:5081/2010-04-01/Accounts/AC1.json")]
    [InlineData("https://trunking.twilio.com/v1/Trunks", "https://egress.internal/twilio-trunking", "https://egress.internal/twilio-trunking/v1/Trunks")]
    public async Task A_configured_product_goes_to_its_base_url_with_path_and_query_kept(string original, string baseUrl, string expected)
    {
        var product = new Uri(original).Host.Split('.')[0];
        var (handler, inner) = Create(new Dictionary<string, string> { [product] = baseUrl });
        using var invoker = new HttpMessageInvoker(handler);

        using var _ = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, original), CancellationToken.None);

        var sent = inner.Requests.Should().ContainSingle().Subject;
        sent.RequestUri!.AbsoluteUri.Should().Be(expected);
        sent.Headers.GetValues(TwilioBaseUrlRewriteHandler.OriginalHostHeader).Should().Equal(new Uri(original).Host);
    }

    [Theory]
    [InlineData("https://accounts.twilio.com/v1/AuthTokens/Promote")]
    [InlineData("https://example.com/api.twilio.com")]
    public async Task Other_hosts_are_left_alone(string original)
    {
        var (handler, inner) = Create(new Dictionary<string, string> { ["api"] = "http://127.0.0.1:5081" });
        using var invoker = new HttpMessageInvoker(handler);

        using var _ = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, original), CancellationToken.None);

        inner.Requests.Single().RequestUri!.AbsoluteUri.Should().Be(original);
        inner.Requests.Single().Headers.Contains(TwilioBaseUrlRewriteHandler.OriginalHostHeader).Should().BeFalse();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("http://127.0.0.1/?x=1")]
    public void Options_validation_rejects_unusable_base_urls(string baseUrl)
    {
        var options = new TwilioOptions();
        options.BaseUrls["api"] = baseUrl;

        var result = new TwilioOptionsValidator(Environment("Development")).Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Twilio:BaseUrls:api");
    }

    [Fact]
    public void Options_validation_rejects_a_total_timeout_shorter_than_an_attempt()
    {
        var options = new TwilioOptions
        {
            Resilience = new TwilioResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(5) },
        };

        new TwilioOptionsValidator(Environment("Development")).Validate(null, options).Failed.Should().BeTrue();
    }

    [Theory]
    [InlineData("Production", false, false)]
    [InlineData("Staging", false, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, true)]
    public void Options_validation_allows_http_base_urls_outside_Development_only_when_told_to(string environment, bool allowInsecure, bool valid)
    {
        var options = new TwilioOptions { AllowInsecureBaseUrls = allowInsecure };
        options.BaseUrls["trunking"] = "http://emulator.internal:5081";

        var result = new TwilioOptionsValidator(Environment(environment)).Validate(null, options);

        result.Succeeded.Should().Be(valid);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("Twilio:BaseUrls:trunking must be https outside Development")
                .And.Contain("Twilio:AllowInsecureBaseUrls=true");
        }
    }

    [Fact]
    public void Options_validation_accepts_https_base_urls_in_Production()
    {
        var options = new TwilioOptions();
        options.BaseUrls["api"] = "https://egress-proxy.internal";

        new TwilioOptionsValidator(Environment("Production")).Validate(null, options).Succeeded.Should().BeTrue();
    }

    private static Microsoft.Extensions.Hosting.IHostEnvironment Environment(string name) =>
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = name };

    private static (TwilioBaseUrlRewriteHandler Handler, ScriptedTwilioHandler Inner) Create(Dictionary<string, string> baseUrls)
    {
        var options = new TwilioOptions();
        foreach (var (product, url) in baseUrls)
        {
            options.BaseUrls[product] = url;
        }

        var inner = new ScriptedTwilioHandler();
        return (new TwilioBaseUrlRewriteHandler(Options.Create(options)) { InnerHandler = inner }, inner);
    }
}
