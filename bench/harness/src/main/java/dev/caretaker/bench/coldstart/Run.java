package dev.caretaker.bench.coldstart;

/**
 * One measured cold start: process start to response ({@code totalMs}), its init phase (to the
 * first event request, or to the restore request after the checkpoint hooks) and its invocation.
 */
record Run(double totalMs, double initMs, double invokeMs, double peakRssMb, int classesLoaded, String response, boolean error) {
}
