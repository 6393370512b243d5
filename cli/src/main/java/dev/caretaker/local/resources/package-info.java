/**
 * The template's resources made local: {@link dev.caretaker.local.resources.TemplateResources}
 * creates its tables, queues, buckets and buses on the engines (and says why everything else is
 * left out, {@link dev.caretaker.local.resources.NotCreatedLocally}); the resulting
 * {@link dev.caretaker.local.resources.LocalResources} resolve each function's environment.
 */
package dev.caretaker.local.resources;
