/**
 * Events and event sources: {@link dev.caretaker.local.events.LocalEventBus} stands in for
 * EventBridge (PutEvents, routed by the template's rules), and
 * {@link dev.caretaker.local.events.SqsEventSources} says which function reads which queue.
 */
package dev.caretaker.local.events;
