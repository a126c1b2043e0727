namespace VoipProviders.LoadTests;

/// <summary>A server the driver loads: its process (for CPU time) and the client that talks to it.</summary>
internal sealed class LoadTarget : IDisposable
{
    public LoadTarget(string name, ServerProcess server)
    {
        Name = name;
        Server = server;
        Client = new HttpClient(new SocketsHttpHandler
        {
            // One connection per concurrent client, kept for the whole run.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Name { get; }

    public ServerProcess Server { get; }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
