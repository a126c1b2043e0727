using System.Diagnostics;
using System.Net;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>The Twilio span's name, and a 404 that callers expect is not an error span.</summary>
public sealed class TwilioTelemetryTests : IDisposable
{
    private const string TestSourceName = "VoipProviders.Infrastructure.UnitTests.Tracing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly List<Activity> _ended = [];
    private readonly ActivityListener _listener;

    public TwilioTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TwilioTelemetry.SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_ended)
                {
                    _ended.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Theory]
    [InlineData("trunking", "UpdateTrunk", "trunks.update", "twilio.trunking.trunks.update")]
    [InlineData("api", "FetchAccount", "accounts.fetch", "twilio.api.accounts.fetch")]
    [InlineData("trunking", "FetchTrunkCredentialList", "trunk_credential_lists.fetch", "twilio.trunking.trunk_credential_lists.fetch")]
    [InlineData("api", "ListIncomingPhoneNumbers", "incoming_phone_numbers.list", "twilio.api.incoming_phone_numbers.list")]
    [InlineData("Accounts", "CreateSecondaryAuthToken", "secondary_auth_tokens.create", "twilio.accounts.secondary_auth_tokens.create")]
    public void A_call_is_named_by_product_resource_and_verb(string product, string operation, string expectedOperation, string expectedSpan)
    {
        var name = TwilioTelemetry.NameOf(product, operation);

        name.Product.Should().Be(product.ToLowerInvariant());
        name.Operation.Should().Be(expectedOperation);
        name.SpanName.Should().Be(expectedSpan);
    }

    [Fact]
    public async Task A_404_is_recorded_as_not_found_without_error_status()
    {
        var twilio = new TwilioTestHarness();
        twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404));
        var trunkSid = "TK" + new string('0', 32);
        // Other tests call Twilio at the same time: this test's span is the child of its own parent.
        using var parent = TestSource.StartActivity("test")!;

        var trunk = await twilio.Gateway.FetchTrunkAsync(TwilioTestHarness.Credentials, trunkSid, CancellationToken.None);

        trunk.Should().BeNull();
        Activity span;
        lock (_ended)
        {
            span = _ended.Should().ContainSingle(s => s.DisplayName == "twilio.trunking.trunks.fetch" && s.ParentSpanId == parent.SpanId).Subject;
        }

        span.GetTagItem(TwilioTelemetry.OutcomeTag).Should().Be("twilio_not_found");
        span.GetTagItem(TwilioTelemetry.StatusCodeTag).Should().Be(404);
        span.GetTagItem(TwilioTelemetry.ErrorCodeTag).Should().Be(20404);
        span.Status.Should().Be(ActivityStatusCode.Unset, "a lookup of what is gone is an answer, not a failure");
    }

    public void Dispose() => _listener.Dispose();
}
