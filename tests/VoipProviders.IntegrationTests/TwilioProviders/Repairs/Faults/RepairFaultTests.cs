using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// Issue 21 §1/§3: Twilio failing at each step of a repair — 401, 404, 429 after the retries, 5xx, a timeout, and a
/// change Twilio made but whose answer was lost — and a replica stopped at each point of one. After a fault, the
/// tenant's account holds nothing the provider does not reference, the row has no create left announced and no hold
/// left, and the answer says which action failed and which were not tried: a failure of the account stops the repair, a
/// missing resource only the actions that need it. After a stop, another replica takes over: the settle job queued with
/// the announcement deletes what the stopped repair made and did not record, or a new repair does once the stopped one's
/// hold expired. Either way a later repair completes the provider — one trunk, one credential list, one SIP credential,
/// one origination URL, all the provider's, and a verification that passes — without doing twice what was done.
/// </summary>
public sealed class RepairFaultTests(IntegrationFixture fixture, RepairReplica replica) : RepairFaultTest(fixture), IClassFixture<RepairReplica>
{
    /// <summary>The settle job queued with the announcement runs before anybody repairs again.</summary>
    public const string SettleJobFirst = "settle job first";

    /// <summary>The tenant repairs again as soon as the stopped repair's hold expired, before any background job ran.</summary>
    public const string NewRepairFirst = "new repair first";

    /// <summary>Longer than an attempt of <see cref="RepairReplica"/>'s Twilio calls may take.</summary>
    private static readonly TimeSpan TimeoutDelay = RepairReplica.AttemptTimeout * 2;

    /// <summary>In this order on one provider: a lost answer last, so the final repair shows what it made is adopted.</summary>
    private static readonly string[] Faults = ["401", "404", "429", "500", "timeout", "applied-then-500"];

    public static TheoryData<RepairPoint, string, string> Stops => new()
    {
        { RepairPoint.Claimed, string.Empty, NewRepairFirst },
        { RepairPoint.CreateAnnounced, RecreateTrunk, SettleJobFirst },
        // The new repair settles what the stopped one announced before announcing its own trunk.
        { RepairPoint.TwilioChanged, RecreateTrunk, NewRepairFirst },
        { RepairPoint.ActionCommitted, RecreateTrunk, NewRepairFirst },
        { RepairPoint.TwilioChanged, CreateCredentialList, SettleJobFirst },
        // Its retirement, queued before the create, deletes the credential nobody stored.
        { RepairPoint.TwilioChanged, CreateSipCredential, NewRepairFirst },
    };

    public static TheoryData<string> Actions =>
        [RecreateTrunk, CreateCredentialList, CreateSipCredential, CreateOriginationUrl, ReattachPhoneNumber, SetTransferMode];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Every_fault_at_a_repair_step_leaves_no_orphan_and_a_consistent_provider_that_a_later_repair_completes(string action)
    {
        var host = await replica.StartedAsync(Fixture);
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        // A detached number is repaired after every other action and needs none of them but a trunk: whether it is tried
        // tells a failure of the account from one of a resource. Reattaching numbers, the first meets the fault.
        var numbers = await ImportNumbersAsync(id, account, action == ReattachPhoneNumber ? 2 : 1);
        var operation = OperationOf(action);

        foreach (var fault in Faults)
        {
            var because = $"{fault} at {action}";
            await DriftAsync(action, account);
            Twilio.EnqueueFaults(operation, FaultsOf(fault, operation));

            var repair = await RepairOkAsync(host.ClientFor(OrgA), id, allowDisruptive: action == RecreateTrunk);

            Twilio.PendingFaults(operation).Should().Be(0, $"the {because} was met");
            var (expected, expectedForNumber) = Expected(action, fault);
            var outcomes = OutcomesOf(repair);
            var key = action == ReattachPhoneNumber
                ? $"{action} {numbers[0]}"
                : outcomes.Keys.Should().ContainSingle(k => k.StartsWith(action + " ", StringComparison.Ordinal), repair.ToString()).Subject;
            outcomes[key].Should().Be(expected, $"{because}: {repair}");
            outcomes[$"{ReattachPhoneNumber} {numbers[^1]}"].Should().Be(expectedForNumber, $"{because}: {repair}");
            if (expectedForNumber == Skipped)
            {
                outcomes.Where(o => o.Key != key).Should().OnlyContain(o => o.Value == Skipped, $"nothing after the {because} is tried: {repair}");
            }

            if (outcomes.Values.All(o => o == Applied))
            {
                VerificationStatusOf(repair).Should().Be("verified", $"everything was repaired ({because}): {repair}");
            }
            else
            {
                VerificationStatusOf(repair).Should().BeOneOf(["warning", "failed"], $"the drift is still there ({because}): {repair}");
            }

            await AssertNoOrphanAsync(account, id, because, adoptable: action == CreateOriginationUrl);
            await AssertSettledAsync(id, because);
        }

        var healed = await RepairOkAsync(host.ClientFor(OrgA), id, allowDisruptive: action == RecreateTrunk);

        OutcomesOf(healed).Values.Should().NotContain(o => o != Applied, healed.ToString());
        await AssertWholeAsync(account, id, healed, $"after every fault at {action} and a repair");
        Twilio.Trunks.Single(t => t.AccountSid == account.Sid).PhoneNumberSids.Should().BeEquivalentTo(numbers);
    }

    [Fact]
    public async Task A_trunk_created_with_its_answer_lost_and_not_found_at_once_is_deleted_by_the_settle_job()
    {
        var host = await replica.StartedAsync(Fixture);
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        await DeleteTrunkInConsoleAsync(account);
        Twilio.EnqueueFaults(TwilioOperation.CreateTrunk, EmulatedFault.AppliedThenFailed());
        // The look-up by the announced name fails too, retries and all.
        Twilio.EnqueueFaults(TwilioOperation.ListTrunks, [.. Enumerable.Repeat(EmulatedFault.Http(500), 1 + VoipProvidersApiFactory.MaxRetryAttempts)]);

        var repair = await RepairOkAsync(host.ClientFor(OrgA), id, allowDisruptive: true);

        OutcomesOf(repair).Should().Contain(o => o.Key.StartsWith(RecreateTrunk + " ", StringComparison.Ordinal) && o.Value == Failed, repair.ToString());
        Twilio.PendingFaults(TwilioOperation.ListTrunks).Should().Be(0, "the module looked for what the create may have made");
        Twilio.Trunks.Should().ContainSingle(t => t.AccountSid == account.Sid, "Twilio made the trunk");
        (await Database.ColumnAsync(id, "pending_repair_trunk_domain_name")).Should().Be(
            Twilio.Trunks.Single(t => t.AccountSid == account.Sid).DomainName, "what could not be settled stays announced");
        (await Database.CountQueuedJobsAsync(SettleJob)).Should().BeGreaterThan(0);

        await EventuallyAsync(
            async () => !Twilio.Trunks.Any(t => t.AccountSid == account.Sid) && await Database.ColumnAsync(id, "pending_repair_trunk_domain_name") is null,
            "the settle job deleted the trunk nobody recorded, once the repair's hold was over");
        await AssertNoOrphanAsync(account, id, "after the settle job");
        await AssertSettledAsync(id, "after the settle job");
        await AssertWholeAsync(account, id, await RepairOkAsync(host.ClientFor(OrgA), id, allowDisruptive: true), "after the settle job and a repair");
    }

    [Theory]
    [MemberData(nameof(Stops))]
    public async Task Another_replica_completes_a_repair_whose_replica_stopped_and_nothing_is_left_orphaned(RepairPoint point, string action, string next)
    {
        var host = await replica.StartedAsync(Fixture);
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        await DeleteTrunkInConsoleAsync(account);
        await DeleteCredentialListInConsoleAsync(account);
        if (next == NewRepairFirst)
        {
            await Fixture.PauseBackgroundJobsAsync();
        }

        replica.Stop.At(point, action);
        var stopped = RepairAsync(host.ClientFor(OrgA), id, allowDisruptive: true);
        try
        {
            await replica.Stop.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            var because = $"the replica stopped at {point} {action}, then {next}";
            if (point is RepairPoint.CreateAnnounced or RepairPoint.TwilioChanged && action is RecreateTrunk or CreateCredentialList)
            {
                (await Database.ColumnAsync(id, action == RecreateTrunk ? "pending_repair_trunk_domain_name" : "pending_repair_credential_list_name"))
                    .Should().NotBeNull("the create was announced before Twilio was called");
                (await Database.CountQueuedJobsAsync(SettleJob)).Should().BeGreaterThan(0, "the job that settles it was queued with the announcement");
            }

            if (next == SettleJobFirst)
            {
                await EventuallyAsync(
                    async () => await Database.ColumnAsync(id, "pending_repair_trunk_domain_name") is null
                        && await Database.ColumnAsync(id, "pending_repair_credential_list_name") is null,
                    "the settle job settled the announcement once the stopped repair's hold expired");
                await AssertNoOrphanAsync(account, id, $"{because}, before anybody repaired again");
            }
            else
            {
                await WaitUntilTheHoldExpiredAsync(id);
            }

            var repair = await RepairOkAsync(ClientFor(OrgA), id, allowDisruptive: true);
            OutcomesOf(repair).Values.Should().OnlyContain(o => o == Applied, $"{because}: {repair}");

            if (next == NewRepairFirst)
            {
                await (await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();
            }

            await EventuallyAsync(() => Task.FromResult(LeftoversIn(account) == 0), $"nothing the stopped repair made is left ({because})", TimeSpan.FromSeconds(10));
            var final = await RepairOkAsync(ClientFor(OrgA), id);
            OutcomesOf(final).Should().BeEmpty($"nothing is left to repair ({because})");
            await AssertWholeAsync(account, id, final, because);
            (await Database.ColumnAsync(id, "trunk_sid")).Should().Be(Twilio.TrunkOf(account).Sid);
        }
        finally
        {
            replica.Stop.Release();
            await stopped;
        }
    }

    /// <summary>What becomes of the action and of the detached number after it.</summary>
    private static (string Action, string Number) Expected(string action, string fault) => fault switch
    {
        // A missing resource fails the action and what needs it: a number goes on the new trunk only.
        "404" => (Failed, action == RecreateTrunk ? Skipped : Applied),
        // An update sets values: sent again after a timeout or a lost answer, it applies.
        "timeout" or "applied-then-500" when action == SetTransferMode => (Applied, Applied),
        // The account refusing, throttling, failing or not answering stops the repair.
        _ => (Failed, Skipped),
    };

    /// <summary>Brings back the drift the action repairs (and detaches the numbers again), whatever the last repair did.</summary>
    private async Task DriftAsync(string action, EmulatedAccount account)
    {
        if (Twilio.Trunks.SingleOrDefault(t => t.AccountSid == account.Sid) is { } trunk)
        {
            foreach (var number in trunk.PhoneNumberSids)
            {
                await DetachNumberInConsoleAsync(account, number);
            }
        }

        switch (action)
        {
            case RecreateTrunk when Twilio.Trunks.Any(t => t.AccountSid == account.Sid):
                await DeleteTrunkInConsoleAsync(account);
                break;
            case CreateCredentialList when Twilio.CredentialLists.Any(l => l.AccountSid == account.Sid):
                await DeleteCredentialListInConsoleAsync(account);
                break;
            case CreateSipCredential when Twilio.CredentialListOf(account).Credentials.Count > 0:
                await DeleteSipCredentialInConsoleAsync(account);
                break;
            case CreateOriginationUrl when Twilio.TrunkOf(account).OriginationUrls.Count > 0:
                await DeleteOriginationUrlInConsoleAsync(account);
                break;
            case SetTransferMode when Twilio.TrunkOf(account).TransferMode != "enable-all":
                await SetTransferModeInConsoleAsync(account, "enable-all");
                break;
        }
    }

    private static TwilioOperation OperationOf(string action) => action switch
    {
        RecreateTrunk => TwilioOperation.CreateTrunk,
        CreateCredentialList => TwilioOperation.CreateCredentialList,
        CreateSipCredential => TwilioOperation.CreateCredential,
        CreateOriginationUrl => TwilioOperation.CreateOriginationUrl,
        ReattachPhoneNumber => TwilioOperation.AttachPhoneNumber,
        SetTransferMode => TwilioOperation.UpdateTrunk,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>
    /// The fault, as often as the module tries: a create is sent once (but after a 429, which Twilio never processed),
    /// an update is retried like a read.
    /// </summary>
    private static EmulatedFault[] FaultsOf(string fault, TwilioOperation operation)
    {
        var everyAttempt = 1 + VoipProvidersApiFactory.MaxRetryAttempts;
        return fault switch
        {
            "401" => [EmulatedFault.Http(401)],
            "404" => [EmulatedFault.Http(404)],
            "429" => [.. Enumerable.Repeat(EmulatedFault.RateLimited("0"), everyAttempt)],
            "500" => [.. Enumerable.Repeat(EmulatedFault.Http(500), operation == TwilioOperation.UpdateTrunk ? everyAttempt : 1)],
            "timeout" => [EmulatedFault.Timeout(TimeoutDelay)],
            "applied-then-500" => [EmulatedFault.AppliedThenFailed()],
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }

    /// <summary>Trunks, credential lists and SIP credentials in the account beyond one of each.</summary>
    private int LeftoversIn(EmulatedAccount account)
    {
        var lists = Twilio.CredentialLists.Where(l => l.AccountSid == account.Sid).ToList();
        return Math.Max(0, Twilio.Trunks.Count(t => t.AccountSid == account.Sid) - 1)
            + Math.Max(0, lists.Count - 1)
            + Math.Max(0, lists.Sum(l => l.Credentials.Count) - 1);
    }

    private Task WaitUntilTheHoldExpiredAsync(Guid providerId) =>
        EventuallyAsync(
            async () => await Database.ColumnAsync(providerId, "coalesce(repair_lease_until < now() - interval '50 milliseconds', true)") == "true",
            "the stopped repair's hold expired");
}
