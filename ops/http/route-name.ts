/**
 * A route's name for metrics and the access log: its path pattern with
 * each named group written `:name` (`^/puppet/v3/catalog/(?<certname>[^/]+)$`
 * is `/puppet/v3/catalog/:certname`; an unnamed `[^/]+` segment is `*`,
 * an optional `(?:/x)?` is `[/x]`).
 * Names come from the route table,
 * never from the request, so label values stay few.
 */
export function routeName(route: { readonly name?: string; readonly pattern: RegExp }): string {
  if (route.name !== undefined) return route.name;
  const source = route.pattern.source.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const group = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i));
    if (group) {
      out += `:${group[1]}`;
      i = closingParen(source, i);
    } else if (source[i] === '\\' && i + 1 < source.length) {
      out += source[++i];
    } else {
      out += source[i];
    }
  }
  // An unnamed path segment, captured or not, is a wildcard; an optional group is bracketed.
  return out.replace(/\(?\[\^\/\][+*]\)?/g, '*').replace(/\(\?:([^()]*)\)\?/g, '[$1]');
}

/** Index of the `)` closing the group opened at `open` (escapes and classes skipped). */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length - 1;
}
