using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay between a process under test and its database that a test can cut like a network partition: after
/// <see cref="Cut"/> nothing is relayed any more in either direction, and new connections are accepted but never
/// answered — the database is not refused, it just stops answering, which is what a lost network looks like.
/// </summary>
internal sealed class CuttableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopped = new();
    private readonly ConcurrentBag<TcpClient> _sockets = [];
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private volatile bool _cut;

    private CuttableTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes once a client has sent something after the cut: the process under test is now waiting on the database.</summary>
    public Task Stalled => _stalled.Task;

    public static CuttableTcpProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    public void Cut() => _cut = true;

    public async ValueTask DisposeAsync()
    {
        await _stopped.CancelAsync();
        _listener.Stop();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stopped.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopped.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopped.Token);
            _sockets.Add(client);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        try
        {
            if (_cut)
            {
                await PumpAsync(client.GetStream(), null, fromClient: true);
                return;
            }

            var server = new TcpClient();
            _sockets.Add(server);
            await server.ConnectAsync(_targetHost, _targetPort, _stopped.Token);
            await Task.WhenAll(
                PumpAsync(client.GetStream(), server.GetStream(), fromClient: true),
                PumpAsync(server.GetStream(), client.GetStream(), fromClient: false));
        }
#pragma warning disable CA1031 // A relay ends however its sockets end; the test observes the process, not the relay.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream? to, bool fromClient)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, _stopped.Token);
            if (read == 0)
            {
                return;
            }

            if (_cut || to is null)
            {
                if (fromClient)
                {
                    _stalled.TrySetResult();
                }

                // Swallowed: the other side waits for an answer that never comes.
                continue;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stopped.Token);
        }
    }
}
