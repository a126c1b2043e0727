using System.Globalization;
using Microsoft.Extensions.Options;
using VoipProviders.Application.TwilioProviders.Origination;

namespace VoipProviders.Application.UnitTests.Origination;

public sealed class SipOriginationOptionsValidatorTests
{
    private const string ValidUri = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls";

    private readonly SipOriginationOptionsValidator _validator = new();

    private static SipOriginationOptions Options(params OriginationUriSetting[] uris)
    {
        var options = new SipOriginationOptions();
        foreach (var uri in uris)
        {
            options.Uris.Add(uri);
        }

        return options;
    }

    private static OriginationUriSetting Setting(string? uri, int priority = OriginationUriSetting.DefaultPriority, int weight = OriginationUriSetting.DefaultWeight) =>
        new() { Uri = uri, Priority = priority, Weight = weight };

    private ValidateOptionsResult Validate(SipOriginationOptions options) => _validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

    /// <summary>The options are refused with exactly one failure, which is returned.</summary>
    private string SingleFailure(SipOriginationOptions options)
    {
        var result = Validate(options);
        result.Failed.Should().BeTrue();
        return result.Failures.Should().ContainSingle().Subject;
    }

    [Fact]
    public void Validate_Should_accept_a_sip_uri_with_the_routing_key_and_tls_transport()
    {
        var result = Validate(Options(Setting(ValidUri)));

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_Should_accept_ten_entries_and_the_limits_of_priority_and_weight()
    {
        var options = Options([.. Enumerable.Range(1, 10).Select(n => Setting(
            string.Create(CultureInfo.InvariantCulture, $"sip:{{routingKey}}.in{n}.voice.example.com"),
            priority: n == 1 ? 0 : 65535,
            weight: n == 1 ? 1 : 65535))]);

        var result = Validate(options);

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_Should_refuse_settings_without_any_uri()
    {
        var failure = SingleFailure(Options());

        failure.Should().StartWith("Sip:Origination:Uris needs 1 to 10 entries (has 0)");
    }

    [Fact]
    public void Validate_Should_refuse_eleven_uris_even_when_each_is_valid()
    {
        var options = Options([.. Enumerable.Range(1, 11).Select(n =>
            Setting(string.Create(CultureInfo.InvariantCulture, $"sip:{{routingKey}}.in{n}.voice.example.com")))]);

        var failure = SingleFailure(options);

        failure.Should().StartWith("Sip:Origination:Uris needs 1 to 10 entries (has 11)");
    }

    [Fact]
    public void Validate_Should_refuse_a_sips_uri_naming_the_entry_and_saying_how_to_get_tls()
    {
        var failure = SingleFailure(Options(Setting(ValidUri), Setting("sips:{routingKey}.in2.voice.example.com:5061")));

        failure.Should().StartWith("Sip:Origination:Uris:1:Uri ")
            .And.Contain("sips:")
            .And.Contain(";transport=tls");
    }

    [Theory]
    [InlineData("https://in1.voice.example.com/{routingKey}")]
    [InlineData("tel:+14155550100")]
    [InlineData("SIP:{routingKey}.in1.voice.example.com")]
    [InlineData("{routingKey}.in1.voice.example.com")]
    public void Validate_Should_refuse_a_uri_that_is_not_a_sip_uri(string uri)
    {
        var failure = SingleFailure(Options(Setting(uri)));

        failure.Should().Be($"Sip:Origination:Uris:0:Uri '{uri}' must be a sip: URI.");
    }

    [Theory]
    [InlineData("sip:{foo}.in1.voice.example.com")]
    [InlineData("sip:{routingKey}.{region}.voice.example.com")]
    [InlineData("sip:{RoutingKey}.in1.voice.example.com")]
    [InlineData("sip:{routingKey.in1.voice.example.com")]
    public void Validate_Should_refuse_a_placeholder_other_than_the_routing_key(string uri)
    {
        var failure = SingleFailure(Options(Setting(uri)));

        failure.Should().Be($"Sip:Origination:Uris:0:Uri '{uri}' may hold no placeholder but {{routingKey}}.");
    }

    [Theory]
    [InlineData("sip:{routingKey}.in1.voice.example.com ;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com\t")]
    [InlineData("sip:{routingKey}.in1.voice.example.com\r\nVia: evil")]
    [InlineData("sip:{routingKey}.in1.voice\u0000.example.com")]
    public void Validate_Should_refuse_whitespace_and_control_characters(string uri)
    {
        var failure = SingleFailure(Options(Setting(uri)));

        failure.Should().Be("Sip:Origination:Uris:0:Uri must not contain spaces or control characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_Should_refuse_an_entry_without_a_uri(string? uri)
    {
        var failure = SingleFailure(Options(Setting(uri)));

        failure.Should().Be("Sip:Origination:Uris:0:Uri is required.");
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:;transport=tls")]
    [InlineData("sip:user@:5061")]
    [InlineData("sip:{routingKey}.in1_voice!.example.com")]
    public void Validate_Should_refuse_a_uri_without_a_valid_host(string uri)
    {
        var failure = SingleFailure(Options(Setting(uri)));

        failure.Should().Be($"Sip:Origination:Uris:0:Uri '{uri}' does not name a valid host.");
    }

    [Fact]
    public void Validate_Should_refuse_a_uri_too_long_for_Twilio_once_the_longest_routing_key_is_in_place()
    {
        // A routing key of up to 63 characters replaces the 12 of the placeholder: 205 characters become 256, over Twilio's 255.
        const string Start = "sip:{routingKey}.in1.voice.example.com;x=";
        var tooLong = Start + new string('d', 205 - Start.Length);
        var fits = tooLong[..^1];

        var failure = SingleFailure(Options(Setting(tooLong)));

        failure.Should().StartWith("Sip:Origination:Uris:0:Uri ").And.Contain("too long").And.Contain("255");
        Validate(Options(Setting(fits))).Succeeded.Should().BeTrue("one character less fits Twilio's 255");
    }

    [Theory]
    [InlineData(ValidUri)]
    [InlineData("sip:{routingKey}.IN1.Voice.Example.com:5061;transport=TLS")]
    public void Validate_Should_refuse_a_uri_that_repeats_an_earlier_entry_naming_the_repeat(string repeat)
    {
        var options = Options(Setting(ValidUri), Setting("sip:{routingKey}.in2.voice.example.com"), Setting(repeat));

        var failure = SingleFailure(options);

        failure.Should().StartWith("Sip:Origination:Uris:2:Uri repeats an earlier entry");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_Should_refuse_a_priority_outside_0_to_65535_naming_the_entry(int priority)
    {
        var failure = SingleFailure(Options(Setting(ValidUri), Setting("sip:{routingKey}.in2.voice.example.com", priority: priority)));

        failure.Should().Be(string.Create(CultureInfo.InvariantCulture, $"Sip:Origination:Uris:1:Priority must be 0 to 65535 (is {priority})."));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(65536)]
    public void Validate_Should_refuse_a_weight_outside_1_to_65535_naming_the_entry(int weight)
    {
        var failure = SingleFailure(Options(Setting(ValidUri, weight: weight)));

        failure.Should().Be(string.Create(CultureInfo.InvariantCulture, $"Sip:Origination:Uris:0:Weight must be 1 to 65535 (is {weight})."));
    }

    [Fact]
    public void Validate_Should_report_every_bad_entry_at_once()
    {
        var result = Validate(Options(Setting("sips:{routingKey}.in1.voice.example.com"), Setting(ValidUri, priority: -1, weight: 0)));

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(3)
            .And.Contain(f => f.StartsWith("Sip:Origination:Uris:0:Uri ", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Sip:Origination:Uris:1:Priority ", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Sip:Origination:Uris:1:Weight ", StringComparison.Ordinal));
    }
}
