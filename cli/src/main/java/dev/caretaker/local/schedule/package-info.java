/**
 * Schedules: {@link dev.caretaker.local.schedule.LocalScheduler} fires the template's
 * EventBridge Scheduler schedules on a {@link dev.caretaker.local.schedule.ScaledClock}.
 */
package dev.caretaker.local.schedule;
