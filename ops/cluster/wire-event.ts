import { splitCatalogText, withCatalogText } from '../../core/catalog/catalog-text.js';
import type { CatalogCompiled, CatalogCompiledData, TroupeEvent } from '../../core/events/event.types.js';

/**
 * An event on the worker → primary IPC wire. A compiled catalog travels as
 * JSON text beside the event, not as an object tree: the worker serializes
 * it once, and the primary passes the text on to the log and to the agent
 * without parsing it (core/catalog/catalog-text.ts).
 */
export type WireEvent =
  | { readonly event: TroupeEvent; readonly catalogJson?: undefined }
  | { readonly event: Omit<CatalogCompiled, 'data'> & { readonly data: Omit<CatalogCompiledData, 'catalog'> }; readonly catalogJson: string };

/** A catalog that arrived as text (fromWire: from a background compile thread) is passed on as that text, not serialized again. */
export function toWire(event: TroupeEvent): WireEvent {
  if (event.type !== 'catalog_compiled') return { event };
  const { head, text } = splitCatalogText(event.data);
  return { event: { ...event, data: head }, catalogJson: text };
}

export function fromWire(wire: WireEvent): TroupeEvent {
  if (wire.catalogJson === undefined) return wire.event;
  return { ...wire.event, data: withCatalogText<CatalogCompiledData>(wire.event.data, wire.catalogJson) };
}
