using System.Diagnostics;

namespace VoipProviders.DevHost;

/// <summary>
/// The command given after <c>--</c> (e.g. the TypeScript client's tests), run against the started service with its
/// addresses and tokens in the environment, the dev host's own console as its console.
/// </summary>
internal static class CommandProcess
{
    public static async Task<int> RunAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new DevHostException($"Could not start '{command[0]}': {exception.Message}", exception);
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
