using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioProviderRotateAuthTokenTests
{
    private static readonly DateTimeOffset Later = TestValues.Now.AddHours(5);
    private static readonly ProtectedSecret NewToken = new("cipher-auth-token-v2");

    [Fact]
    public void RotateAuthToken_Should_replace_the_token_and_stamp_the_rotation_time()
    {
        var provider = TestValues.Connect();

        provider.RotateAuthToken(NewToken, Later);

        provider.AuthToken.Should().Be(NewToken);
        provider.AuthToken.CipherText.Should().Be("cipher-auth-token-v2");
        provider.AuthTokenUpdatedAt.Should().Be(Later);
        provider.UpdatedAt.Should().Be(Later);
        provider.CreatedAt.Should().Be(TestValues.Now);
    }

    [Fact]
    public void RotateAuthToken_Should_leave_everything_else_unchanged()
    {
        var rotated = TestValues.Connect(region: TwilioRegion.De1, supportsCallTransfer: true);
        rotated.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], TestValues.Now.AddMinutes(1), TestValues.Now.AddHours(1));
        var untouched = TestValues.Connect(region: TwilioRegion.De1, supportsCallTransfer: true);
        untouched.RecordVerification([TestValues.Check("credentials", VerificationCheckStatus.Passed)], TestValues.Now.AddMinutes(1), TestValues.Now.AddHours(1));

        rotated.RotateAuthToken(NewToken, Later);

        rotated.Should().BeEquivalentTo(untouched, options => options
            .Excluding(p => p.AuthToken)
            .Excluding(p => p.AuthTokenUpdatedAt)
            .Excluding(p => p.UpdatedAt)
            .Excluding(p => p.Version));
        rotated.Version.Should().Be(untouched.Version + 1, "every change counts");
        rotated.VerificationStatus.Should().Be(VerificationStatus.Verified);
        rotated.LastVerifiedAt.Should().Be(TestValues.Now.AddMinutes(1));
        rotated.SipPassword.Should().Be(TestValues.SipPassword);
    }
}
