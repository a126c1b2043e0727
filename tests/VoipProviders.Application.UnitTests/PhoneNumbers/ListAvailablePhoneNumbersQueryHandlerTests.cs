using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.PhoneNumbers;

public sealed class ListAvailablePhoneNumbersQueryHandlerTests
{
    /// <summary>The provider's own token, distinct from the shared sample: a call made with it can only use the stored credentials.</summary>
    private const string ProviderToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static readonly TwilioCredentials ProviderCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(ProviderToken));

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakePhoneNumberReadModel _readModel = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly ListAvailablePhoneNumbersQueryHandler _handler;
    private readonly TwilioProvider _provider;

    public ListAvailablePhoneNumbersQueryHandlerTests()
    {
        _handler = new ListAvailablePhoneNumbersQueryHandler(
            new TwilioPhoneNumberTrunks(_providers, _protector),
            _readModel,
            _twilio,
            new AvailablePhoneNumberListCache(
                Options.Create(new AvailablePhoneNumberListOptions()), TimeProvider.System, NullLogger<AvailablePhoneNumberListCache>.Instance));
        _provider = TestValues.ConnectedProvider(_protector, authToken: ProviderToken);
        _providers.Seed(_provider);
    }

    private static string Sid(int n) => TestValues.PhoneNumberSid(n);

    private void InAccount(params TwilioIncomingNumber[] numbers)
    {
        foreach (var number in numbers)
        {
            _twilio.PhoneNumbers[number.Sid] = number;
        }
    }

    private static TwilioIncomingNumber Number(string sid, string phoneNumber, string? trunkSid = null) =>
        new(sid, phoneNumber, $"Line {phoneNumber}", new PhoneNumberCapabilities(Voice: true, Sms: false, Mms: true), trunkSid);

    private async Task<PagedResponse<AvailablePhoneNumberResponse>> ListAsync(
        int skip = 0,
        int take = ListAvailablePhoneNumbersQuery.DefaultTake,
        string? phoneNumber = null,
        OrganizationId? organizationId = null,
        ProviderId? providerId = null) =>
        await _handler.Handle(
            new ListAvailablePhoneNumbersQuery(organizationId ?? TestValues.OrganizationId, providerId ?? _provider.Id, skip, take, phoneNumber),
            CancellationToken.None);

    [Fact]
    public async Task Handle_Should_list_the_accounts_numbers_ordered_by_number_then_SID()
    {
        InAccount(
            Number(Sid(1), "+447700900123"),
            Number(Sid(4), "+14155550100"),
            Number(Sid(2), "+12125550100"),
            Number(Sid(3), "+14155550100"));

        var page = await ListAsync();

        page.Items.Select(n => n.PhoneNumberSid).Should().Equal(Sid(2), Sid(3), Sid(4), Sid(1));
        page.TotalCount.Should().Be(4);
        page.Skip.Should().Be(0);
        page.Take.Should().Be(ListAvailablePhoneNumbersQuery.DefaultTake);
    }

    [Fact]
    public async Task Handle_Should_answer_each_number_as_Twilio_lists_it()
    {
        InAccount(Number(Sid(1), "+14155550100", TestValues.OtherTrunkSid));

        var page = await ListAsync();

        page.Items.Should().ContainSingle().Which.Should().Be(new AvailablePhoneNumberResponse
        {
            PhoneNumberSid = Sid(1),
            PhoneNumber = "+14155550100",
            FriendlyName = "Line +14155550100",
            Capabilities = new PhoneNumberCapabilities(Voice: true, Sms: false, Mms: true),
            TrunkSid = TestValues.OtherTrunkSid,
            Imported = false,
            ImportedPhoneNumberId = null,
        });
    }

    [Fact]
    public async Task Handle_Should_read_the_account_with_the_providers_stored_credentials()
    {
        InAccount(Number(Sid(1), "+14155550100"));

        await ListAsync();

        _twilio.Operations.Should().Equal(GatewayOperation.ListIncomingPhoneNumbers);
        _twilio.Calls.Single().Credentials.Should().Be(ProviderCredentials);
    }

    [Fact]
    public async Task Handle_Should_ask_Twilio_for_the_numbers_matching_the_search_only()
    {
        InAccount(Number(Sid(1), "+14155550100"), Number(Sid(2), "+12125550100"));

        var page = await ListAsync(phoneNumber: "+1415");

        page.Items.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1));
        _twilio.Calls.Should().ContainSingle().Which.Arguments.Should().Equal("+1415");
    }

    [Fact]
    public async Task Handle_Should_answer_further_pages_and_searches_of_the_provider_from_one_listing_of_the_account()
    {
        InAccount([.. Enumerable.Range(1, 5).Select(n => Number(Sid(n), $"+1415555010{n}"))]);

        await ListAsync(take: 2);
        var second = await ListAsync(skip: 2, take: 2);
        var searched = await ListAsync(phoneNumber: "0105");

        second.Items.Select(n => n.PhoneNumberSid).Should().Equal(Sid(3), Sid(4));
        searched.Items.Select(n => n.PhoneNumberSid).Should().Equal(Sid(5));
        _twilio.Calls.Should().ContainSingle("the account's listing is kept for Twilio:NumberListCacheSeconds");
    }

    [Theory]
    [InlineData(0, 2, new[] { 1, 2 })]
    [InlineData(2, 2, new[] { 3, 4 })]
    [InlineData(4, 2, new[] { 5 })]
    [InlineData(5, 2, new int[0])]
    [InlineData(100, 10, new int[0])]
    [InlineData(1, 1000, new[] { 2, 3, 4, 5 })]
    public async Task Handle_Should_page_the_ordered_numbers_and_count_them_all(int skip, int take, int[] expected)
    {
        InAccount([.. new[] { 5, 3, 1, 4, 2 }.Select(n => Number(Sid(n), $"+1415555010{n}"))]);

        var page = await ListAsync(skip, take);

        page.Items.Select(n => n.PhoneNumberSid).Should().Equal(expected.Select(Sid));
        page.TotalCount.Should().Be(5);
        page.Skip.Should().Be(skip);
        page.Take.Should().Be(take);
    }

    [Theory]
    [InlineData("+1415", new[] { 1, 2 })]
    [InlineData("555", new[] { 1, 2, 3 })]
    [InlineData("0101", new[] { 2 })]
    [InlineData("+44", new[] { 4 })]
    [InlineData("44", new[] { 3, 4 })]
    [InlineData("999", new int[0])]
    public async Task Handle_Should_keep_only_the_numbers_that_contain_the_search_and_count_only_those(string search, int[] expected)
    {
        InAccount(
            Number(Sid(1), "+14155550100"),
            Number(Sid(2), "+14155550101"),
            Number(Sid(3), "+12125554400"),
            Number(Sid(4), "+447700900123"));

        var page = await ListAsync(phoneNumber: search);

        page.Items.Select(n => n.PhoneNumberSid).Should().BeEquivalentTo(expected.Select(Sid));
        page.TotalCount.Should().Be(expected.Length);
    }

    [Fact]
    public async Task Handle_Should_count_the_filtered_numbers_beyond_the_page()
    {
        InAccount([.. Enumerable.Range(1, 7).Select(n => Number(Sid(n), $"+1415555010{n}")), Number(Sid(8), "+12125550100")]);

        var page = await ListAsync(skip: 2, take: 3, phoneNumber: "+1415");

        page.Items.Select(n => n.PhoneNumberSid).Should().Equal(Sid(3), Sid(4), Sid(5));
        page.TotalCount.Should().Be(7);
    }

    [Fact]
    public async Task Handle_Should_flag_the_numbers_this_provider_imported_with_their_ids_and_no_others()
    {
        var other = TestValues.ConnectedProvider(_protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"));
        var mine = TestValues.ImportedNumber(_provider, 1);
        _readModel.PhoneNumbers.Add(mine);
        _readModel.PhoneNumbers.Add(TestValues.ImportedNumber(other, 2));
        InAccount(
            TestValues.IncomingNumber(1, TestValues.TrunkSid),
            TestValues.IncomingNumber(2, TestValues.TrunkSid),
            TestValues.IncomingNumber(3));

        var page = await ListAsync();

        page.Items.Select(n => (n.PhoneNumberSid, n.Imported, n.ImportedPhoneNumberId)).Should().Equal(
            (Sid(1), true, mine.Id),
            (Sid(2), false, null),
            (Sid(3), false, null));
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await ListAsync(providerId: unknownId);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_belongs_to_another_organization()
    {
        var act = async () => await ListAsync(organizationId: TestValues.OtherOrganizationId);

        await act.Should().ThrowAsync<NotFoundException>();
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_propagate_the_failure_When_Twilio_cannot_list_the_numbers()
    {
        var failure = new TwilioCredentialsRejectedException(20003, 401);
        _twilio.FailOn(GatewayOperation.ListIncomingPhoneNumbers, failure);

        var act = async () => await ListAsync();

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.Should().BeSameAs(failure);
    }
}
