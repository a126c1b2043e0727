namespace VoipProviders.Infrastructure.Events;

internal enum IntegrationEventDeliveryStatus : short
{
    Pending = 0,
    Parked = 1,
}
