using System.Diagnostics;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// The built web host (<c>VoipProviders.Web.dll</c>) as a real process, for what only a process shows: how it stops on
/// SIGTERM, what a command-line verb prints and returns. Its output is kept for assertions and failure messages;
/// disposing kills it if it still runs.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedLines = [];

    private WebHostProcess(Process process, DirectoryInfo workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet VoipProviders.Web.dll</c> with <paramref name="arguments"/>, in the <paramref name="environment"/>
    /// (ASP.NET Core's), in an empty working directory: no appsettings.json is read, only what the arguments say.
    /// </summary>
    public static WebHostProcess Start(string environment, IEnumerable<string> arguments)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("vp-web-");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        var process = new Process { StartInfo = start };
        var host = new WebHostProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => host.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnOutput(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes when the process writes a line containing <paramref name="text"/>; fails if it exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _awaitedLines.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(Timeout.Infinite, deadline.Token));
        if (finished != seen.Task)
        {
            throw new Xunit.Sdk.XunitException(
                (finished == exited ? $"The process exited with {_process.ExitCode}" : $"Nothing said '{text}' within {timeout.TotalSeconds:0} s") +
                $" before saying '{text}'. Its output:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does to stop a process.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with {kill.ExitCode}.");
        }
    }

    /// <summary>Whether the process exited within <paramref name="timeout"/> (its output is then complete).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
            _workingDirectory.Delete(recursive: true);
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
            foreach (var awaited in _awaitedLines.Where(awaited => line.Contains(awaited.Text, StringComparison.Ordinal)).ToList())
            {
                awaited.Seen.TrySetResult();
                _awaitedLines.Remove(awaited);
            }
        }
    }
}
