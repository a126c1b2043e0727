using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.Persistence.Configurations;

internal sealed class OutboxJobConfiguration : IEntityTypeConfiguration<OutboxJob>
{
    public void Configure(EntityTypeBuilder<OutboxJob> builder)
    {
        builder.ToTable("background_job_outbox");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.JobName).HasMaxLength(OutboxJob.MaxJobNameLength);
        builder.Property(j => j.Payload).HasColumnType("jsonb");
        builder.Property(j => j.TraceParent).HasMaxLength(128);
        builder.Property(j => j.TraceState).HasMaxLength(OutboxJob.MaxTraceStateLength);
        builder.HasIndex(j => j.EnqueuedAt);
    }
}
