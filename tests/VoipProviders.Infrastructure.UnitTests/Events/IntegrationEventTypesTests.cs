using System.Reflection;
using System.Text.Json;
using VoipProviders.Contracts;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.Infrastructure.Events;

namespace VoipProviders.Infrastructure.UnitTests.Events;

public sealed class IntegrationEventTypesTests
{
    private static readonly DateTimeOffset OccurredAt = new(2026, 12, 6, 9, 52, 56, 123, TimeSpan.Zero);

    private static readonly PhoneNumberReference Number = new(
        "org-1", Guid.Parse("0199f6a2-9999-7000-8000-000000000001"), Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"), "PN0123456789abcdef0123456789abcdef", "+14155550001");

    private static IEnumerable<Type> ContractEventTypes() =>
        typeof(IntegrationEvent).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsSubclassOf(typeof(IntegrationEvent)));

    public static TheoryData<Type> EventTypes() => [.. ContractEventTypes()];

    [Fact]
    public void All_Should_be_every_concrete_integration_event_of_the_contracts()
    {
        var expected = ContractEventTypes().ToList();

        expected.Should().NotBeEmpty();
        IntegrationEventTypes.All.Should().BeEquivalentTo(expected);
        IntegrationEventTypes.All.Should().Contain(
        [
            typeof(ProviderConnected), typeof(ProviderUpdated), typeof(ProviderAuthTokenRotated), typeof(ProviderDeleted),
            typeof(SipCredentialRotated), typeof(OriginationChanged), typeof(ProviderVerificationStatusChanged),
            typeof(PhoneNumbersImported), typeof(PhoneNumberRemoved),
        ]);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Serialize_and_Deserialize_Should_round_trip_every_event_by_its_name(Type type)
    {
        var original = Sample(type);

        var name = IntegrationEventTypes.NameOf(type);
        IntegrationEventTypes.TryGetType(name, out var found).Should().BeTrue();
        found.Should().Be(type);
        var payload = IntegrationEventTypes.Serialize(original);
        var restored = IntegrationEventTypes.Deserialize(payload, found);

        name.Should().Be(type.Name);
        restored.Should().BeOfType(type);
        restored.Should().BeEquivalentTo(original, options => options.RespectingRuntimeTypes());
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Serialize_Should_write_camel_case_properties(Type type)
    {
        var payload = IntegrationEventTypes.Serialize(Sample(type));

        using var document = JsonDocument.Parse(payload);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        names.Should().Contain(["eventId", "occurredAt", "organizationId", "providerId", "providerVersion", "sequence", "traceParent"]);
        names.Should().OnlyContain(n => char.IsLower(n[0]), "the outbox stores camelCase JSON");
    }

    [Fact]
    public void Serialize_Should_write_enums_as_camel_case_strings()
    {
        var changed = new ProviderVerificationStatusChanged(ProviderVerificationStatus.Pending, ProviderVerificationStatus.Failed, OccurredAt);

        var payload = IntegrationEventTypes.Serialize(changed);

        payload.Should().Contain("\"previousStatus\":\"pending\"").And.Contain("\"status\":\"failed\"");
        IntegrationEventTypes.Deserialize(payload, typeof(ProviderVerificationStatusChanged))
            .Should().Be(changed);
    }

    [Fact]
    public void NameOf_Should_reject_a_type_that_is_not_an_event_of_the_contracts()
    {
        var act = () => IntegrationEventTypes.NameOf(typeof(Foreign.ProviderConnected));

        act.Should().Throw<ArgumentException>().WithParameterName("type");
        FluentActions.Invoking(() => IntegrationEventTypes.NameOf(typeof(string))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void TryGetType_Should_not_know_an_unknown_name()
    {
        IntegrationEventTypes.TryGetType("ProviderExploded", out _).Should().BeFalse();
    }

    [Fact]
    public void Deserialize_Should_throw_When_the_payload_is_null()
    {
        var act = () => IntegrationEventTypes.Deserialize("null", typeof(ProviderDeleted));

        act.Should().Throw<JsonException>();
    }

    private static class Foreign
    {
        /// <summary>An event with the name of a contract's event that is not one: the outbox must not take it.</summary>
        public sealed record ProviderConnected : IntegrationEvent;
    }

    /// <summary>An instance of <paramref name="type"/> with a value in every constructor parameter and envelope property.</summary>
    private static IntegrationEvent Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var integrationEvent = (IntegrationEvent)constructor.Invoke([.. constructor.GetParameters().Select(p => ValueFor(p.ParameterType))]);
        Set(integrationEvent, nameof(IntegrationEvent.EventId), Guid.Parse("0199f6a2-0000-7000-8000-0000000000e1"));
        Set(integrationEvent, nameof(IntegrationEvent.OccurredAt), OccurredAt);
        Set(integrationEvent, nameof(IntegrationEvent.OrganizationId), "org-1");
        Set(integrationEvent, nameof(IntegrationEvent.ProviderId), Number.ProviderId);
        Set(integrationEvent, nameof(IntegrationEvent.ProviderVersion), 3L);
        Set(integrationEvent, nameof(IntegrationEvent.Sequence), 7L);
        Set(integrationEvent, nameof(IntegrationEvent.TraceParent), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        return integrationEvent;
    }

    private static void Set(IntegrationEvent integrationEvent, string property, object value) =>
        typeof(IntegrationEvent).GetProperty(property, BindingFlags.Instance | BindingFlags.Public)!.SetValue(integrationEvent, value);

    private static object? ValueFor(Type type) => type switch
    {
        _ when type == typeof(string) => "value",
        _ when type == typeof(bool) => true,
        _ when type == typeof(int) => 2,
        _ when type == typeof(long) => 2L,
        _ when type == typeof(Guid) => Guid.Parse("0199f6a2-0000-8000-8000-0000000000a1"),
        _ when type == typeof(IReadOnlyList<RepairedAction>) => new List<RepairedAction> { new("reattach_phone_number", "PN0123456789abcdef0123456789abcdef") },
        _ when type == typeof(DateTimeOffset) => OccurredAt,
        _ when type == typeof(ProviderVerificationStatus) => ProviderVerificationStatus.Warning,
        _ when type == typeof(PhoneNumberReference) => Number,
        _ when type == typeof(IReadOnlyList<string>) => new List<string> { "sip:a.example.com", "sip:b.example.com" },
        _ when type == typeof(IReadOnlyList<PhoneNumberReference>) => new List<PhoneNumberReference> { Number },
        _ => throw new InvalidOperationException($"Add a sample value for {type} (a new event's parameter)."),
    };
}
