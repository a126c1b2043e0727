using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: request bodies are capped at <c>Api:MaxRequestBodyBytes</c> (64 KB) → 413 <c>payload_too_large</c>.</summary>
public sealed class RequestBodyLimitTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const int Limit = 64 * 1024;

    [Fact]
    public async Task A_body_over_64_KB_with_a_Content_Length_answers_413_before_anything_runs()
    {
        using var content = new StringContent(CreateBodyOfSize(Limit + 1), Encoding.UTF8, "application/json");

        using var response = await ClientFor().PostAsync(TwilioProvidersPath, content);

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large"))
            .GetProperty("detail").GetString().Should().Contain("65536");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KB_answers_413_not_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath)
        {
            Content = new ChunkedContent(Encoding.UTF8.GetBytes(CreateBodyOfSize(Limit + 1024))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await ClientFor().SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_body_just_under_the_cap_is_read_and_validated_as_usual()
    {
        using var content = new StringContent(CreateBodyOfSize(Limit - 16), Encoding.UTF8, "application/json");

        using var response = await ClientFor().PostAsync(TwilioProvidersPath, content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue(problem.ToString());
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_cap_is_the_setting_on_every_mutating_route()
    {
        await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["Api:MaxRequestBodyBytes"] = "2048",
            ["BackgroundJobs:Enabled"] = "false",
        });
        using var client = host.ClientFor(OrgA);
        var body = CreateBodyOfSize(3000);

        using var create = await client.PostAsync(TwilioProvidersPath, JsonBody(body));
        using var update = await client.PutAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}", JsonBody(body));
        using var rotate = await client.PatchAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}/auth-token", JsonBody(body));
        using var import = await client.PostAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}/import-numbers", JsonBody(body));

        foreach (var response in new[] { create, update, rotate, import })
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large"))
                .GetProperty("detail").GetString().Should().Contain("2048");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("lots")]
    public void A_cap_that_is_not_a_sensible_number_of_bytes_stops_the_host(string value)
    {
        var failure = HostStart.FailureOf(Fixture, new Dictionary<string, string> { ["Api:MaxRequestBodyBytes"] = value });

        failure.Should().Contain("MaxRequestBodyBytes");
    }

    /// <summary>A create body of exactly <paramref name="bytes"/> bytes whose name is far too long (but valid JSON).</summary>
    private static string CreateBodyOfSize(int bytes)
    {
        const string Prefix = "{\"accountSid\":\"AC00000000000000000000000000000000\",\"authToken\":\"00000000000000000000000000000000\",\"name\":\"";
        const string Suffix = "\"}";
        return Prefix + new string('n', bytes - Prefix.Length - Suffix.Length) + Suffix;
    }

    private static StringContent JsonBody(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Content without a length, so HttpClient sends it chunked and the server learns its size only by reading.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _bytes.Length; offset += 4096)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(4096, _bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
