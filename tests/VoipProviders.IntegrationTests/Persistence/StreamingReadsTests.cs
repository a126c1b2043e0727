using System.Net;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// The hot reads stream their rows instead of buffering them (ADR-012) and still retry transient failures: EF Core
/// decides buffering when it compiles a query, from the execution strategy that runs it.
/// </summary>
public sealed class StreamingReadsTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Queries_compiled_inside_the_execution_strategy_stream_while_queries_outside_it_buffer_and_retry()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>();
        var compilation = dbContext.GetService<IQueryCompilationContextFactory>();

        dbContext.Database.CreateExecutionStrategy().RetriesOnFailure.Should().BeTrue("transient failures are still retried");
        compilation.Create(async: true).IsBuffering.Should().BeTrue("a query EF Core runs on its own is retried by re-running it, so it must buffer");

        var (bufferingInside, retryingInside) = await dbContext.StreamingWithRetriesAsync(
            _ => Task.FromResult((compilation.Create(async: true).IsBuffering, dbContext.Database.CreateExecutionStrategy().RetriesOnFailure)),
            CancellationToken.None);

        bufferingInside.Should().BeFalse("inside the strategy a failure retries the whole read, so its queries stream");
        retryingInside.Should().BeFalse("nested work is retried by the outer operation, not on its own");
    }

    [Fact]
    public async Task A_get_whose_read_fails_transiently_is_read_again_and_answered_200()
    {
        var id = await ConnectAsync();
        var interceptor = new BrokenProviderReadInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        interceptor.BreakNextReads(1);

        using var response = await host.ClientFor(OrgA).GetAsync($"{TwilioProvidersPath}/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("id").GetGuid().Should().Be(id);
        interceptor.Broken.Should().Be(1);
        interceptor.Reads.Should().Be(2, "the failed read ran once more");
    }
}
