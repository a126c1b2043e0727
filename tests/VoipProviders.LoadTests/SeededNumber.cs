namespace VoipProviders.LoadTests;

/// <summary>
/// A number a seeded provider imported through the project's API (a row of <c>voip_providers.imported_phone_numbers</c>),
/// and the inbound resolution request that names it with its provider's routing key.
/// </summary>
internal sealed record SeededNumber(Guid Id, string PhoneNumber, string ResolvePath)
{
    public static string ResolvePathOf(string phoneNumber, string routingKey) =>
        $"internal/v1/inbound-calls/resolve?calledNumber={Uri.EscapeDataString(phoneNumber)}&routingKey={Uri.EscapeDataString(routingKey)}";
}
