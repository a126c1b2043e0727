using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Trunking.V1;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class AccountContractTests : EmulatorTestBase
{
    [Fact]
    public async Task FetchAsync_active_account_parses_every_field()
    {
        var account = await AccountResource.FetchAsync(client: Client());

        account.Sid.Should().Be(Account.Sid);
        account.OwnerAccountSid.Should().Be(Account.Sid);
        account.FriendlyName.Should().Be("Contract tests");
        account.Status.Should().Be(AccountResource.StatusEnum.Active);
        account.Type.Should().Be(AccountResource.TypeEnum.Full);
        account.AuthToken.Should().Be(Account.AuthToken);
        account.DateCreated.Should().Be(Account.DateCreated.UtcDateTime);
        account.Uri.Should().Be($"/2010-04-01/Accounts/{Account.Sid}.json");
        account.SubresourceUris.Should().ContainKey("incoming_phone_numbers");
    }

    [Theory]
    [InlineData(EmulatedAccountStatus.Suspended, "suspended")]
    [InlineData(EmulatedAccountStatus.Closed, "closed")]
    public async Task FetchAsync_inactive_account_still_answers_with_its_status(EmulatedAccountStatus status, string expected)
    {
        State.SetAccountStatus(Account.Sid, status);

        var account = await AccountResource.FetchAsync(client: Client());

        account.Status.ToString().Should().Be(expected);
        account.Status.Should().Be(status == EmulatedAccountStatus.Suspended ? AccountResource.StatusEnum.Suspended : AccountResource.StatusEnum.Closed);
    }

    [Fact]
    public async Task Suspended_account_gets_20003_on_every_other_operation()
    {
        State.SetAccountStatus(Account.Sid, EmulatedAccountStatus.Suspended);

        var act = () => TrunkResource.ReadAsync(client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
    }

    [Fact]
    public async Task Wrong_token_is_rejected_with_20003()
    {
        var act = () => AccountResource.FetchAsync(client: Client(authToken: "0123456789abcdef0123456789abcdef"));

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        error.Message.Should().Be("Authenticate");
        error.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20003");
    }

    [Fact]
    public async Task Unknown_account_is_rejected_with_20003()
    {
        var stranger = Account with { Sid = "AC" + new string('0', 32) };

        var act = () => AccountResource.FetchAsync(client: Client(stranger));

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
    }

    [Fact]
    public async Task Rotated_token_stops_the_old_one_and_enables_the_new_one()
    {
        const string rotated = "fedcba9876543210fedcba9876543210";
        State.SetAuthToken(Account.Sid, rotated);

        var withOldToken = () => AccountResource.FetchAsync(client: Client(authToken: Account.AuthToken));
        (await withOldToken.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(401);

        var account = await AccountResource.FetchAsync(client: Client(authToken: rotated));
        account.Sid.Should().Be(Account.Sid);
    }

    [Fact]
    public async Task Another_accounts_path_is_rejected_even_with_valid_credentials()
    {
        var other = State.AddAccount("Other");

        var act = () => AccountResource.FetchAsync(pathSid: other.Sid, client: Client());

        (await act.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
    }
}
