/**
 * Not API: the Flight Recorder events of event loops and tasks ({@code io.jawait.*} event names)
 * and the bridge that turns task events on in coroutines only while a recording enables them.
 * Loaded only where the JDK has the {@code jdk.jfr} module; see docs/observability.md.
 */
package io.jawait.internal.jfr;
