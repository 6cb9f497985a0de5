import type { EventType, RecordedEvent, TroupeEvent } from '../events/event.types.js';

/**
 * The fields of an event's data that are bodies: large, and read only by
 * whoever stores or answers with them (the node's owner, the projection,
 * the door an agent waits at). A reader that only routes — request ids,
 * outcomes, positions — does without them.
 */
const BODY_FIELDS: Partial<Record<EventType, readonly string[]>> = {
  catalog_compiled: ['catalog', 'collectors'],
  catalog_submitted: ['catalog'],
  report_submitted: ['body'],
  catalog_inputs_submitted: ['inputs'],
};

/** Lean events this process read (see {@link isLean}); a WeakSet, so it holds nothing alive. */
const leanEvents = new WeakSet<object>();

/**
 * The data of an event without its bodies, or undefined when the event
 * has none (then the whole event is as lean as it gets).
 */
export function leanDataOf(type: string, data: object): object | undefined {
  const fields = BODY_FIELDS[type as EventType];
  if (!fields || !fields.some((f) => f in data)) return undefined;
  const lean: Record<string, unknown> = { ...data };
  for (const f of fields) delete lean[f];
  return lean;
}

/** The JSON text a log stores beside an event's data for lean reads, or null when the event has no body. */
export function leanTextOf(event: TroupeEvent): string | null {
  const lean = leanDataOf(event.type, event.data);
  return lean === undefined ? null : JSON.stringify(lean);
}

/** `event` with lean data in place of its own, marked lean (the caller knows its data had bodies). */
export function markLean<E extends RecordedEvent>(event: E): E {
  leanEvents.add(event);
  return event;
}

/** The event as a lean read gives it: bodies left out and marked lean; an event without bodies unchanged. */
export function leanEvent(event: RecordedEvent): RecordedEvent {
  const data = leanDataOf(event.type, event.data);
  return data === undefined ? event : markLean({ ...event, data } as RecordedEvent);
}

/**
 * Whether an event was read without its bodies (`ReadOptions.bodiesOf`):
 * its body fields are missing, whatever its type says. Read it again by
 * position (`read(position - 1, { limit: 1 })`) for the whole event.
 */
export function isLean(event: RecordedEvent): boolean {
  return leanEvents.has(event);
}

/** Events as a read with `bodiesOf` gives them, from whole events: for logs that store no lean copy (the bodies are read, then dropped). */
export function leanUnless(events: readonly RecordedEvent[], bodiesOf: ((stream: string, type: EventType) => boolean) | undefined): readonly RecordedEvent[] {
  return bodiesOf ? events.map((e) => (bodiesOf(e.stream, e.type) ? e : leanEvent(e))) : events;
}
