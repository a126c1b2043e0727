using System.ComponentModel.DataAnnotations;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.UnitTests.BackgroundJobs;

public sealed class BackgroundJobsOptionsTests
{
    [Fact]
    public void The_defaults_Should_be_valid()
    {
        Validate(new BackgroundJobsOptions()).Should().BeEmpty();
    }

    public static TheoryData<BackgroundJobsOptions, string> InvalidSettings => new()
    {
        { new BackgroundJobsOptions { IdleWaitTime = TimeSpan.FromMilliseconds(500) }, nameof(BackgroundJobsOptions.IdleWaitTime) },
        { new BackgroundJobsOptions { MaxConcurrency = 0 }, nameof(BackgroundJobsOptions.MaxConcurrency) },
        { new BackgroundJobsOptions { MaxRetries = 0 }, nameof(BackgroundJobsOptions.MaxRetries) },
        { new BackgroundJobsOptions { OutboxPollInterval = TimeSpan.Zero }, nameof(BackgroundJobsOptions.OutboxPollInterval) },
        { new BackgroundJobsOptions { FirstRetryDelay = TimeSpan.Zero }, nameof(BackgroundJobsOptions.FirstRetryDelay) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void A_setting_out_of_range_Should_be_named_when_the_host_starts(BackgroundJobsOptions options, string setting)
    {
        Validate(options).Should().ContainSingle().Which.MemberNames.Should().Equal(setting);
    }

    private static List<ValidationResult> Validate(BackgroundJobsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
