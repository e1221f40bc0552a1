// Default resource names derived from a kind name.

/** English plural of a lower-cased kind: policy -> policies, ingress -> ingresses, widget -> widgets. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return lower.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(lower)) return lower + 'es';
  return lower + 's';
}

export function singularOf(kind: string): string {
  return kind.toLowerCase();
}
