using System.Net;
using System.Net.Sockets;

namespace VoipProviders.DevHost;

internal static class PortCheck
{
    /// <summary>Fails before anything starts when a loopback port cannot be bound (taken, or not allowed).</summary>
    public static void EnsureFree(PortSetting setting)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, setting.Port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException exception)
        {
            var reason = exception.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be used ({exception.Message})";
            throw new DevHostException($"Port {setting.Port} for the {setting.Purpose} {reason}. Pick another with {setting.HowToChange}.", exception);
        }
    }
}
