using System.Net;
using System.Text;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// Failures are classified by the HTTP status seen on the wire. The SDK reports status 0 for an error body that is not
/// Twilio's JSON (a proxy's or load balancer's HTML page), which must not make a 401/403/404 look like an outage.
/// </summary>
public sealed class TwilioWireStatusTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task An_HTML_401_or_403_is_a_credentials_rejection_and_is_not_retried(HttpStatusCode status)
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Default = _ => Html(status);

        var failure = (await FluentActions.Awaiting(() => twilio.Gateway.FetchTrunkAsync(TwilioTestHarness.Credentials, TrunkSid, CancellationToken.None))
            .Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which;

        failure.HttpStatus.Should().Be((int)status);
        failure.TwilioErrorCode.Should().BeNull("the page carried no Twilio code");
        twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task An_HTML_404_is_not_found()
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Default = _ => Html(HttpStatusCode.NotFound);

        await FluentActions.Awaiting(() => twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, TrunkSid, true, CancellationToken.None))
            .Should().ThrowAsync<TwilioResourceNotFoundException>();
        (await twilio.Gateway.FetchTrunkAsync(TwilioTestHarness.Credentials, TrunkSid, CancellationToken.None)).Should().BeNull("a missing trunk is an answer");
        await twilio.Gateway.DeleteTrunkAsync(TwilioTestHarness.Credentials, TrunkSid, CancellationToken.None);
        twilio.Handler.Requests.Should().HaveCount(3, "none was retried");
    }

    [Fact]
    public async Task An_HTML_429_is_rate_limiting_with_its_Retry_After()
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions { MaxRetryAttempts = 1, MaxRetryAfter = TimeSpan.FromSeconds(10) });
        twilio.Handler.Default = _ =>
        {
            var response = Html(HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("Retry-After", "60");
            return response;
        };

        var failure = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioRateLimitedException>()).Which;

        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(60));
        twilio.Handler.Requests.Should().ContainSingle("60 s is longer than we hold a request for");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task An_HTML_5xx_is_unavailable_with_its_status_and_reads_are_retried(HttpStatusCode status)
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Default = _ => Html(status);

        var failure = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which;

        failure.HttpStatus.Should().Be((int)status);
        failure.CircuitOpen.Should().BeFalse();
        twilio.Handler.Requests.Should().HaveCount(twilio.Options.Resilience.MaxRetryAttempts + 1);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.ProxyAuthenticationRequired)]
    public async Task Another_HTML_4xx_is_a_rejected_request(HttpStatusCode status)
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Default = _ => Html(status);

        var failure = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioRequestRejectedException>()).Which;

        failure.HttpStatus.Should().Be((int)status);
        twilio.Handler.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Proxy_pages_with_a_4xx_never_open_the_circuit(HttpStatusCode status)
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions { MaxRetryAttempts = 0, CircuitMinimumThroughput = 2, CircuitFailureRatio = 0.1 });
        twilio.Handler.Default = _ => Html(status);

        for (var i = 0; i < 6; i++)
        {
            (await FluentActions.Awaiting(() => twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, TrunkSid, true, CancellationToken.None))
                .Should().ThrowAsync<TwilioGatewayException>()).Which.Should().NotBeOfType<TwilioUnavailableException>();
        }

        twilio.Handler.Requests.Should().HaveCount(6, "every call reached Twilio");
    }

    [Fact]
    public async Task Proxy_pages_with_a_5xx_do_open_the_circuit()
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions { MaxRetryAttempts = 0, CircuitMinimumThroughput = 2, CircuitFailureRatio = 0.1 });
        twilio.Handler.Default = _ => Html(HttpStatusCode.BadGateway);

        for (var i = 0; i < 2; i++)
        {
            await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
                .Should().ThrowAsync<TwilioUnavailableException>();
        }

        (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeTrue();
        twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_unreadable_success_is_still_unavailable()
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Default = _ => Html(HttpStatusCode.OK);

        var failure = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which;

        failure.HttpStatus.Should().BeNull();
    }

    private static HttpResponseMessage Html(HttpStatusCode status) => new(status)
    {
        Content = new StringContent($"<html><body><h1>{(int)status} {status}</h1>nginx</body></html>", Encoding.UTF8, "text/html"),
    };
}
