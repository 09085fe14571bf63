package io.jawait.processor.lower;

/** A place in the generated code that lowering can branch to (a block of the state machine). */
public interface Label {
}
