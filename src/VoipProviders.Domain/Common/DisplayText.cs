using System.Buffers;
using System.Globalization;
using System.Text;

namespace VoipProviders.Domain.Common;

/// <summary>
/// The character rules of text people read — a display name a user types, a friendly name Twilio sends — and the one
/// way to make text from outside follow them before it is stored or shown: no control characters (NUL included), no
/// line or paragraph separators, no bidirectional overrides or isolates (they make text display as something else),
/// no lone surrogate (half an emoji: PostgreSQL refuses it), and a length cut between whole graphemes (an emoji, a
/// letter with its accents), never inside one.
/// </summary>
public static class DisplayText
{
    /// <summary>Whether a character may appear in display text (a surrogate counts as half of its pair).</summary>
    public static bool IsAllowed(char c) =>
        !char.IsControl(c)
        && char.GetUnicodeCategory(c) is not (UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        && c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));

    /// <summary>
    /// <paramref name="text"/> without the characters <see cref="IsAllowed(char)"/> refuses and without lone surrogates,
    /// trimmed, and cut to at most <paramref name="maxLength"/> UTF-16 units on a grapheme boundary (then trimmed again).
    /// Empty when nothing is left: the caller decides what to show instead.
    /// </summary>
    public static string Clean(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (status == OperationStatus.Done && (!rune.IsBmp || IsAllowed((char)rune.Value)))
            {
                kept.Append(text, i, consumed);
            }

            i += consumed;
        }

        return CutOnGrapheme(kept.ToString().Trim(), maxLength);
    }

    private static string CutOnGrapheme(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxLength)
            {
                break;
            }

            end += next;
        }

        return text[..end].TrimEnd();
    }
}
