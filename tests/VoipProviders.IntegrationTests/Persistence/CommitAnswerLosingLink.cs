using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// A TCP hop between a host and PostgreSQL that loses the answer of a COMMIT the way a network does: the COMMIT reaches
/// the server, then the client's connection is reset while the server goes on committing without it. Everything else
/// passes through untouched. The host connects through <see cref="ConnectionString"/> (no TLS, so the hop can see the
/// COMMIT go by).
/// </summary>
public sealed class CommitAnswerLosingLink : IAsyncDisposable
{
    // Npgsql sends COMMIT as a simple Query message: 'Q', its length (4 + 7) and "COMMIT\0".
    private static readonly byte[] CommitMessage = [(byte)'Q', 0, 0, 0, 11, .. "COMMIT\0"u8];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _pumps = [];
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private TaskCompletionSource? _armed;
    private Task? _accepting;

    private CommitAnswerLosingLink(string connectionString)
    {
        var upstream = new NpgsqlConnectionStringBuilder(connectionString);
        _upstreamHost = upstream.Host ?? "localhost";
        _upstreamPort = upstream.Port;
        _listener.Start();
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = IPAddress.Loopback.ToString(),
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port,
            SslMode = SslMode.Disable,
        }.ConnectionString;
    }

    /// <summary>Where a host connects to reach the database through this hop.</summary>
    public string ConnectionString { get; }

    public static CommitAnswerLosingLink Start(string connectionString)
    {
        var link = new CommitAnswerLosingLink(connectionString);
        link._accepting = link.AcceptAsync();
        return link;
    }

    /// <summary>
    /// Loses the answer of the next COMMIT that goes through; the result completes once that COMMIT has been handed to
    /// the server and its client's connection reset.
    /// </summary>
    public Task LoseAnswerOfNextCommit()
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, armed);
        return armed.Task;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_upstreamHost, _upstreamPort, _stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                _sockets.Add(client);
                _sockets.Add(server);
                _pumps.Add(ClientToServerAsync(client, server));
                _pumps.Add(ServerToClientAsync(server, client));
            }
        }
    }

    private async Task ClientToServerAsync(Socket client, Socket server)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    break;
                }

                var chunk = buffer.AsMemory(0, read);
                await SendAllAsync(server, chunk);
                if (Volatile.Read(ref _armed) is not null
                    && chunk.Span.IndexOf(CommitMessage) >= 0
                    && Interlocked.Exchange(ref _armed, null) is { } armed)
                {
                    // The COMMIT is on its way to the server; its client hears a reset, as when a network drops the
                    // connection. The server side stays open: the server neither notices nor stops.
                    client.LingerState = new LingerOption(enable: true, seconds: 0);
                    client.Close();
                    armed.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Close(server);
    }

    private async Task ServerToClientAsync(Socket server, Socket client)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await server.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    break;
                }

                try
                {
                    await SendAllAsync(client, buffer.AsMemory(0, read));
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    // The client is gone (its answer was lost): whatever the server still says goes nowhere.
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Close(client);
    }

    private async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, _stopping.Token);
            data = data[sent..];
        }
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Task[] pumps;
        lock (_gate)
        {
            _sockets.ForEach(Close);
            pumps = [.. _pumps];
        }

        await Task.WhenAll([.. pumps, _accepting ?? Task.CompletedTask]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }
}
