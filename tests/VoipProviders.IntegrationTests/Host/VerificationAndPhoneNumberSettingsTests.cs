using Microsoft.Extensions.Options;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// A value of <c>Verification:*</c> or <c>PhoneNumbers:*</c> outside its range, or of the wrong kind, stops the host
/// with an error naming the setting by its full key — before anything starts.
/// </summary>
public sealed class VerificationAndPhoneNumberSettingsTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>Each setting with a value just outside its range (one host start checks them all).</summary>
    private static readonly Dictionary<string, string> OutOfRange = new()
    {
        ["Verification:Interval"] = "00:00:00.500",
        ["Verification:SweepPeriod"] = "01:00:01",
        ["Verification:MaxConcurrency"] = "0",
        ["Verification:MaxConcurrencyPerAccount"] = "17",
        ["Verification:Timeout"] = "00:10:01",
        ["Verification:InconclusiveRetryDelay"] = "1.00:00:01",
        ["Verification:AttemptsAfterChange"] = "21",
        ["PhoneNumbers:MaxParallelAttaches"] = "65",
    };

    [Fact]
    public void Every_verification_and_phone_number_setting_out_of_its_range_is_named_and_the_host_refuses_to_start()
    {
        var refusal = HostStart.RefusalOf(Fixture, OutOfRange);

        var failures = refusal.Should().BeOfType<AggregateException>("two settings sections are wrong").Which.InnerExceptions
            .Should().AllBeOfType<OptionsValidationException>().Which.SelectMany(e => e.Failures).ToList();
        failures.Should().HaveCount(OutOfRange.Count, "each bad value is one failure: {0}", string.Join(Environment.NewLine, failures));
        foreach (var key in OutOfRange.Keys)
        {
            failures.Should().ContainSingle(f => f.StartsWith($"{key}: ", StringComparison.Ordinal), "the failure names {0}", key);
        }
    }

    [Theory]
    [InlineData("Verification:SweepEnabled", "sometimes")]
    [InlineData("Verification:VerifyAfterChanges", "yes")]
    [InlineData("Verification:Interval", "an hour")]
    [InlineData("Verification:MaxConcurrency", "eight")]
    [InlineData("PhoneNumbers:MaxParallelAttaches", "8.5")]
    public void A_value_of_the_wrong_kind_is_named_and_the_host_refuses_to_start(string key, string value)
    {
        var refusal = HostStart.RefusalOf(Fixture, new Dictionary<string, string> { [key] = value });

        refusal.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain($"'{value}' at '{key}'");
    }
}
