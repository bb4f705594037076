using System.Text.Json.Serialization;

namespace AutoIntel.Workflows.Runtime.History;

/// <summary>One recorded fact of an instance's history; a JSON line discriminated by <c>type</c>.</summary>
/// <param name="Timestamp">When the event was recorded (UTC); replay uses it as the orchestration's "now".</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStarted), "executionStarted")]
[JsonDerivedType(typeof(ExecutionResumed), "executionResumed")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskStarted), "taskStarted")]
[JsonDerivedType(typeof(TaskAttemptFailed), "taskAttemptFailed")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(CustomStatusSet), "customStatusSet")]
[JsonDerivedType(typeof(ExecutionCompleted), "executionCompleted")]
[JsonDerivedType(typeof(ExecutionFailed), "executionFailed")]
[JsonDerivedType(typeof(ExecutionTerminated), "executionTerminated")]
[JsonDerivedType(typeof(ExecutionContinuedAsNew), "executionContinuedAsNew")]
[JsonDerivedType(typeof(SubWorkflowScheduled), "subWorkflowScheduled")]
[JsonDerivedType(typeof(SubWorkflowAttemptFailed), "subWorkflowAttemptFailed")]
[JsonDerivedType(typeof(SubWorkflowCompleted), "subWorkflowCompleted")]
[JsonDerivedType(typeof(SubWorkflowFailed), "subWorkflowFailed")]
public abstract record HistoryEvent(DateTime Timestamp);
