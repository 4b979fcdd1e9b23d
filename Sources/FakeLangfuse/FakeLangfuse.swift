/// A loopback stand-in for a Langfuse server (being built).
public enum FakeLangfusePlaceholder {}
