namespace AutoIntel.Memory.Vectors;

/// <summary>Where one encoded record (id, vector, payload) sits in a collection's log: its byte offset and length.</summary>
internal readonly record struct RecordLocation(long Offset, int Length);
