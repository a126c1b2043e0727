using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

namespace VoipProviders.Application.UnitTests.Redaction;

public sealed class SecretRedactionTests
{
    [Fact]
    public void CreateTwilioProviderCommand_ToString_Should_redact_the_auth_token_and_keep_the_other_fields()
    {
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), "Main Twilio", "ie1", true, SecureTrunking: true);

        var text = command.ToString();

        text.Should().NotContain(TestValues.AuthToken);
        text.Should().Be(
            "CreateTwilioProviderCommand { OrganizationId = org-42, AccountSid = AC0123456789abcdef0123456789abcdef, AuthToken = [redacted], " +
            "Name = Main Twilio, Region = ie1, SupportsCallTransfer = True, SecureTrunking = True }");
    }

    [Fact]
    public void UpdateTwilioAuthTokenCommand_ToString_Should_redact_the_auth_token()
    {
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));
        var command = new UpdateTwilioAuthTokenCommand(TestValues.OrganizationId, providerId, TwilioAuthToken.From(TestValues.NewAuthToken));

        var text = $"{command}";

        text.Should().NotContain(TestValues.NewAuthToken);
        text.Should().Be($"UpdateTwilioAuthTokenCommand {{ OrganizationId = org-42, ProviderId = {providerId}, AuthToken = [redacted], IfMatch =  }}");
    }

    [Fact]
    public void TwilioCredentials_ToString_Should_redact_the_auth_token()
    {
        var credentials = new TwilioCredentials(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

        credentials.ToString().Should().Be("TwilioCredentials { AccountSid = AC0123456789abcdef0123456789abcdef, AuthToken = [redacted] }");
    }

    [Fact]
    public void Records_holding_credentials_Should_not_leak_the_token_through_their_own_ToString()
    {
        var credentials = new TwilioCredentials(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));
        var holder = new { Credentials = credentials };

        holder.ToString().Should().NotContain(TestValues.AuthToken);
    }

    [Fact]
    public void Redaction_Should_not_break_value_equality_of_the_commands()
    {
        var a = new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));
        var b = new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.NewAuthToken));

        a.Should().Be(a with { });
        a.Should().NotBe(b, "commands that differ only in the token are different commands");
    }
}
