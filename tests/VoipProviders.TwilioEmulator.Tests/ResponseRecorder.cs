using System.Collections.Concurrent;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// Outermost handler of an SDK client: buffers and keeps every raw response (status, content type, body) so a test can
/// check the JSON the SDK parsed; the SDK still reads the buffered body normally.
/// </summary>
public sealed class ResponseRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedResponse> _responses = new();

    public IReadOnlyList<RecordedResponse> Responses => [.. _responses];

    public RecordedResponse Last => _responses.LastOrDefault() ?? throw new InvalidOperationException("No response was recorded.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        _responses.Enqueue(new RecordedResponse(request.Method.Method, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}
