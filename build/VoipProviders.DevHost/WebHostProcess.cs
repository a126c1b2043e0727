using System.Diagnostics;
using System.Net;

namespace VoipProviders.DevHost;

/// <summary>
/// <c>dotnet run --no-build --no-launch-profile --project src/VoipProviders.Web</c> as a child process. Its output is
/// kept until it is ready (and shown if it never gets there), then passed through. Disposing kills the process tree.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private const int KeptStartupLines = 300;

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly Queue<string> _startupOutput = new();
    private bool _passThrough;

    private WebHostProcess(Process process) => _process = process;

    public static WebHostProcess Start(string repositoryRoot, IReadOnlyDictionary<string, string> environment)
    {
        var project = Path.Combine(repositoryRoot, "src", "VoipProviders.Web");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = project,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["run", "--no-build", "--no-launch-profile", "-c", BuildConfiguration, "--project", project])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var host = new WebHostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnOutput(e.Data, Console.Out);
        process.ErrorDataReceived += (_, e) => host.OnOutput(e.Data, Console.Error);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            process.Dispose();
            throw new DevHostException($"Could not start '{startInfo.FileName}': {exception.Message}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Polls <paramref name="readinessUrl"/> until it answers 200; fails with the output if the process exits or time
    /// runs out. Once ready, the output is passed through, or with <paramref name="keepQuiet"/> kept (the last lines)
    /// for <see cref="RecentOutput"/>.
    /// </summary>
    public async Task WaitUntilReadyAsync(Uri readinessUrl, TimeSpan timeout, TimeProvider timeProvider, bool keepQuiet, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cancellationToken); // drains the redirected output
                    throw new DevHostException($"The web host exited with code {_process.ExitCode} before it was ready. Its output:\n{StartupOutput()}");
                }

                if (await AnswersOkAsync(http, readinessUrl, linked.Token))
                {
                    lock (_gate)
                    {
                        _passThrough = !keepQuiet;
                        _startupOutput.Clear();
                    }

                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DevHostException($"The web host did not answer 200 on {readinessUrl} within {timeout.TotalSeconds:0} s. Its output:\n{StartupOutput()}");
        }
    }

    /// <summary>Completes with the exit code when the web host stops by itself.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"warning: the web host (pid {_process.Id}) did not exit within 10 s of being killed.");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<bool> AnswersOkAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // this attempt timed out
        }
    }

    /// <summary>The muxer that runs this process (<c>dotnet VoipProviders.DevHost.dll</c>), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    private void OnOutput(string? line, TextWriter passThroughTo)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_passThrough)
            {
                passThroughTo.WriteLine($"[web] {line}");
                return;
            }

            _startupOutput.Enqueue(line);
            if (_startupOutput.Count > KeptStartupLines)
            {
                _startupOutput.Dequeue();
            }
        }
    }

    /// <summary>The last lines the web host wrote since it was ready, when it keeps quiet.</summary>
    public string RecentOutput() => StartupOutput();

    private string StartupOutput()
    {
        lock (_gate)
        {
            return _startupOutput.Count == 0 ? "(none)" : string.Join('\n', _startupOutput);
        }
    }
}
