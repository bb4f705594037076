using System.Text.Json;
using AutoIntel.Workflows.Abstractions;

namespace AutoIntel.Workflows.Runtime.Execution;

/// <summary>One attempt of one activity call, queued for the worker pool.</summary>
internal sealed record ActivityWorkItem(InstanceRunner Owner, int TaskId, string Name, JsonElement? Input, RetryPolicy Retry, int Attempt);
