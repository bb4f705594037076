using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AutoIntel.Core.Serialization;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>Encodes and decodes history events as JSON lines.</summary>
internal static class HistoryJsonLines
{
    private static readonly JsonTypeInfo<HistoryEvent> TypeInfo =
        (JsonTypeInfo<HistoryEvent>)AutoIntelJson.Options.GetTypeInfo(typeof(HistoryEvent));

    /// <summary>Writes each event followed by a newline into <paramref name="buffer"/>.</summary>
    public static void Write(IReadOnlyList<HistoryEvent> events, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        for (var i = 0; i < events.Count; i++)
        {
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, events[i], TypeInfo);
            writer.Flush();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
        }
    }

    /// <summary>Parses complete lines; a last line without its newline is a torn write and is ignored.</summary>
    /// <returns>The events and the length of the valid prefix (where the next append must start).</returns>
    public static (List<HistoryEvent> Events, long ValidLength) Read(ReadOnlySpan<byte> data, string instanceId)
    {
        var events = new List<HistoryEvent>(Math.Max(4, data.Length / 96));
        var offset = 0;
        var lineNumber = 0;
        while (offset < data.Length)
        {
            var end = data[offset..].IndexOf((byte)'\n');
            if (end < 0)
            {
                // A crash mid-write leaves part of the last batch; everything before it is whole.
                break;
            }

            lineNumber++;
            var line = data.Slice(offset, end);
            if (!line.IsEmpty)
            {
                try
                {
                    events.Add(JsonSerializer.Deserialize(line, TypeInfo)
                        ?? throw new InvalidDataException($"history of instance {instanceId}: line {lineNumber} is null"));
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"history of instance {instanceId} is corrupt at line {lineNumber}: {ex.Message}", ex);
                }
            }

            offset += end + 1;
        }

        return (events, offset);
    }
}
