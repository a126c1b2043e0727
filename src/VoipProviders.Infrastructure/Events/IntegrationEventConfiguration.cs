using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.Events;

internal sealed class IntegrationEventConfiguration :
    IEntityTypeConfiguration<StoredIntegrationEvent>,
    IEntityTypeConfiguration<IntegrationEventDelivery>,
    IEntityTypeConfiguration<IntegrationEventStream>
{
    public const string EventsTable = "integration_events";
    public const string DeliveriesTable = "integration_event_deliveries";
    public const string StreamsTable = "integration_event_streams";

    public void Configure(EntityTypeBuilder<StoredIntegrationEvent> builder)
    {
        builder.ToTable(EventsTable);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EventType).HasMaxLength(StoredIntegrationEvent.MaxEventTypeLength);
        builder.Property(e => e.OrganizationId).HasMaxLength(64);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        builder.Property(e => e.TraceParent).HasMaxLength(128);
        // No index beyond the key: every insert is on the request path. The dispatcher reads by delivery, the clean-up by
        // id range (version 7 ids follow occurredAt), and the trigger numbers a provider's events uniquely.
        builder.HasMany<IntegrationEventDelivery>().WithOne().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IntegrationEventDelivery> builder)
    {
        builder.ToTable(DeliveriesTable);
        builder.HasKey(d => new { d.EventId, d.Handler });
        builder.Property(d => d.Handler).HasMaxLength(IntegrationEventDelivery.MaxHandlerLength);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        // The dispatcher reads each handler's pending events of a provider in order; parked ones are set aside.
        builder.HasIndex(d => new { d.Handler, d.ProviderId, d.Sequence })
            .HasDatabaseName("ix_integration_event_deliveries_pending")
            .HasFilter("status = 0");
        builder.HasIndex(d => d.ParkedAt).HasFilter("status = 1");
    }

    public void Configure(EntityTypeBuilder<IntegrationEventStream> builder)
    {
        builder.ToTable(StreamsTable);
        builder.HasKey(s => s.ProviderId);
        builder.Property(s => s.ProviderId).ValueGeneratedNever();
    }
}
