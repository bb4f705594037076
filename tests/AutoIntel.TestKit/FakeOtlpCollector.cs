using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AutoIntel.TestKit;

/// <summary>An OTLP/HTTP receiver on 127.0.0.1:0 (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) that keeps every request and decodes spans.</summary>
/// <remarks>Answers as the OTLP specification says for a full success: 200 with an empty protobuf response (the empty message is zero bytes).</remarks>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<OtlpRequest> _requests = new();
    private LoopbackHttpServer _http = null!;

    private FakeOtlpCollector()
    {
    }

    /// <summary>What to put in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter appends <c>/v1/&lt;signal&gt;</c>).</summary>
    public Uri Endpoint => _http.BaseAddress;

    /// <summary>Every export request received, in order.</summary>
    public IReadOnlyList<OtlpRequest> Requests => [.. _requests];

    /// <summary>The spans of every trace export.</summary>
    public IReadOnlyList<OtlpSpan> Spans => [.. Requests.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpSpan.Decode(r.Body))];

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        collector._http = await LoopbackHttpServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector._requests.Enqueue(new OtlpRequest(context.Request.Path, context.Request.ContentType ?? "", body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        }));
        return collector;
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}

/// <summary>One export request as it arrived.</summary>
public sealed record OtlpRequest(string Path, string ContentType, byte[] Body);

/// <summary>A span read from an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto trace/v1/trace.proto field numbers).</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name)
{
    /// <summary>resource_spans (1) → scope_spans (2) → spans (2) → trace_id (1), span_id (2), parent_span_id (4), name (5).</summary>
    public static IEnumerable<OtlpSpan> Decode(byte[] request) =>
        from resourceSpans in Protobuf.Fields(request).Where(f => f.Number == 1)
        from scopeSpans in Protobuf.Fields(resourceSpans.Bytes ?? []).Where(f => f.Number == 2)
        from span in Protobuf.Fields(scopeSpans.Bytes ?? []).Where(f => f.Number == 2)
        let fields = Protobuf.Fields(span.Bytes ?? []).ToList()
        select new OtlpSpan(
            Hex(fields, 1),
            Hex(fields, 2),
            Hex(fields, 4),
            System.Text.Encoding.UTF8.GetString(fields.FirstOrDefault(f => f.Number == 5).Bytes ?? []));

    private static string Hex(List<Protobuf.Field> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);
}

/// <summary>Just enough of the protobuf wire format to walk messages: each field's number and, for length-delimited fields, its bytes.</summary>
public static class Protobuf
{
    /// <summary>A field; <see cref="Bytes"/> is null unless the wire type is length-delimited.</summary>
    public readonly record struct Field(int Number, byte[]? Bytes);

    public static IEnumerable<Field> Fields(byte[] message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong key = Varint(message, ref position);
            int number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    Varint(message, ref position);
                    yield return new Field(number, null);
                    break;
                case 1:
                    position += 8;
                    yield return new Field(number, null);
                    break;
                case 2:
                    int length = (int)Varint(message, ref position);
                    yield return new Field(number, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    yield return new Field(number, null);
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {key & 7} at byte {position}.");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
